import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { ARGS as BROWSER_TEST_ARGS } from '../../browser/browser'

export { CHROMIUM } from '../../browser/browser'

/** The browser tests' flags, plus WebGPU (on SwiftShader here) for the backend comparison. */
export const ARGS = [...BROWSER_TEST_ARGS, '--enable-unsafe-webgpu']

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' }

/**
 * A static file server for a built page on 127.0.0.1 (any free port); `isolated` adds the
 * COOP/COEP headers that make the page cross-origin isolated (threaded wasm needs it).
 */
export function serve(dir: string, isolated = false): Promise<{ server: Server; url: string }> {
  const headers = isolated ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } : {}
  const server = createServer(async (req, res) => {
    const path = normalize(join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)))
    const file = path.endsWith('/') ? join(path, 'index.html') : path
    if (!file.startsWith(dir)) return void res.writeHead(403).end()
    try {
      const body = await readFile(file)
      res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/` })))
}
