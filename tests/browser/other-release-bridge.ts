import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { BRIDGE_PROTOCOL } from '../../runtime/bridge/protocol'

/**
 * A `pipeline bridge` whose only worker is of another release: it speaks the bridge protocol
 * (runtime/bridge/protocol.ts) and fails every job the way such a worker does (runtime/queue/node-job.ts).
 */
export async function otherReleaseBridge(): Promise<{ url: string; jobs: number; close(): Promise<void> }> {
  const state = { jobs: 0 }
  const server: Server = createServer((req, res) => {
    res.setHeader('access-control-allow-origin', '*')
    res.setHeader('access-control-allow-headers', 'authorization, content-type')
    res.setHeader('access-control-allow-methods', 'GET, HEAD, PUT, POST, DELETE')
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    const path = req.url ?? ''
    if (req.method === 'OPTIONS') return res.writeHead(204).end()
    if (path === '/health') return json(200, { ok: true, protocol: BRIDGE_PROTOCOL, workers: 1, maxEntryBytes: 64 * 2 ** 20 })
    if (path.startsWith('/entries/')) return req.method === 'PUT' ? req.resume().on('end', () => res.writeHead(204).end()) : json(404, { error: 'no entry' })
    if (req.method === 'POST' && path.startsWith('/jobs/')) return req.resume().on('end', () => (state.jobs++, json(200, { state: 'queued' })))
    if (req.method === 'GET' && path.endsWith('/events')) {
      const message = 'This worker has data.iris version 9, the job asks for version 1: run the workers from the same release as the editor or CLI that queued it.'
      return res.writeHead(200, { 'content-type': 'text/event-stream' }).end(`event: failed\ndata: ${JSON.stringify({ message })}\n\n`)
    }
    if (req.method === 'DELETE') return res.writeHead(204).end()
    json(404, { error: 'not found' })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    get jobs() {
      return state.jobs
    },
    close: () => new Promise((r) => server.close(() => r())),
  }
}
