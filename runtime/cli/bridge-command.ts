import { parseArgs } from 'node:util'
import { NodeCache } from '../cache/node-cache'
import { QueueUrlError } from '../queue/connection'
import { QueueRunner } from '../queue/queue-runner'
import { openCacheStore, UsageError } from './open-cache'

export const BRIDGE_USAGE = `  pipeline bridge --queue redis://host:port (--cache-dir DIR | --cache-url s3://bucket/prefix) [--port 8787] [--host 127.0.0.1]
                  [--allow-origin URL]... [--token T] [--max-entry-mb 512]`

export const BRIDGE_HELP = `pipeline bridge lets the editor run trials and folds on the queue (a browser cannot speak Redis): an HTTP server
that takes sealed cache entries into the workers' shared cache, queues node jobs as 'run --queue' does and streams their
progress as Server-Sent Events. --allow-origin names the origin of each editor that may call it (repeatable; none: no
page may). --token (or MLCANVAS_BRIDGE_TOKEN) requires Authorization: Bearer <token> on every request but /health.`

/** The flags of `pipeline bridge` (the compose file's test parses its bridge args with these). */
export const BRIDGE_OPTIONS = {
  queue: { type: 'string' },
  'cache-dir': { type: 'string' },
  'cache-url': { type: 'string' },
  port: { type: 'string', default: '8787' },
  host: { type: 'string', default: '127.0.0.1' },
  'allow-origin': { type: 'string', multiple: true },
  token: { type: 'string' },
  'max-entry-mb': { type: 'string', default: '512' },
} as const

/** `pipeline bridge`: serves until SIGTERM or SIGINT. Resolves with the exit code. */
export async function bridgeCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: BRIDGE_OPTIONS })
  if (!values.queue) throw new UsageError('bridge needs --queue redis://host:port.')
  if (!values['cache-dir'] && !values['cache-url']) throw new UsageError('bridge needs the workers’ shared cache: --cache-dir DIR or --cache-url s3://bucket/prefix.')
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes a port number, not "${values.port}".`)
  const maxMb = Number(values['max-entry-mb'])
  if (!Number.isFinite(maxMb) || maxMb <= 0) throw new UsageError(`--max-entry-mb takes a size in MiB, not "${values['max-entry-mb']}".`)
  const origins = (values['allow-origin'] ?? []).map(checkOrigin)
  // An empty token (an unset variable in a compose file) means none.
  const token = values.token || process.env.MLCANVAS_BRIDGE_TOKEN || undefined
  const store = (await openCacheStore(values))!
  let jobs: QueueRunner
  try {
    jobs = await QueueRunner.open(values.queue, new NodeCache({ store, memoryBytes: 0 }))
  } catch (e) {
    if (e instanceof QueueUrlError) throw new UsageError(e.message)
    throw e
  }
  // Imported here: fastify costs every other command ≈ 50 ms of start-up.
  const { buildBridge } = await import('../bridge/bridge-app')
  const app = buildBridge(jobs, store, { origins, token, maxEntryBytes: Math.round(maxMb * 2 ** 20) })
  const address = await app.listen({ port, host: values.host })
  console.log(`bridge on ${address} for ${values.queue}${origins.length ? `, pages from ${origins.join(', ')}` : ', no browser origin allowed'}${token ? ', token required' : ''}`)
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      console.log(`bridge: ${signal}, closing`)
      void app.close().then(() => jobs.close()).then(() => resolve(0))
    }
    process.once('SIGTERM', () => stop('SIGTERM'))
    process.once('SIGINT', () => stop('SIGINT'))
  })
}

/** An origin as browsers send it: scheme://host[:port], no path. */
function checkOrigin(text: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UsageError(`--allow-origin takes an origin such as http://localhost:5173, not "${text}".`)
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== text.replace(/\/$/, '')) {
    throw new UsageError(`--allow-origin takes an origin such as http://localhost:5173 (no path), not "${text}".`)
  }
  return url.origin
}
