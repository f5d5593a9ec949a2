import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A free TCP port on 127.0.0.1 (the OS picks one; we release it right away). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port
      srv.close(() => resolve(port))
    })
  })
}

async function waitFor(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 150))
  }
  throw new Error(`The preview server did not answer at ${url} within ${ms} ms.`)
}

/** Builds the app into a temp folder and serves it with `vite preview` on 127.0.0.1. */
export async function startApp(root = process.env.APP_ROOT ?? process.cwd()): Promise<{ url: string; outDir: string; stop(): void }> {
  const outDir = mkdtempSync(join(tmpdir(), 'mlcanvas-e2e-'))
  const build = spawnSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    stdio: 'inherit',
    cwd: root,
  })
  if (build.status !== 0) throw new Error('vite build failed (see the output above).')
  const port = await freePort()
  const child: ChildProcess = spawn(
    'npx',
    ['vite', 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { stdio: 'ignore', detached: true, cwd: root },
  )
  const url = `http://127.0.0.1:${port}/`
  // Kill the whole process group (npx → node), so no server outlives the tests.
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {
      /* already gone */
    }
  }
  try {
    await waitFor(url, 30_000)
  } catch (e) {
    stop()
    throw e
  }
  return { url, outDir, stop }
}
