import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import { writeBundleDir, readBundleDir, bundleDirName } from './bundle-dir'
import { bundleFromGraph } from './graph-bundle'
import { CommandError } from './load-graph'
import { predictCsv } from './predict-csv'
import { loadScorer, type Scorer } from '../scorer/scorer'
import { buildScorerPage } from '../html/build-page'

/** Usage lines of the deployment subcommands, for the CLI's help. */
export const DEPLOY_USAGE = `  pipeline export <graph.json> --node ID -o DIR [--cache-dir DIR]
  pipeline predict <bundle-dir|bundle.zip> <input.csv> -o out.csv
  pipeline predict --graph <graph.json> --node ID <input.csv> -o out.csv [--cache-dir DIR]
  pipeline html <bundle-dir|bundle.zip> -o scorer.html
  pipeline serve <bundle-dir|bundle.zip>... [--port 8080] [--host 127.0.0.1] [--name NAME]... [--body-limit BYTES]`

const log = (line: string) => process.stderr.write(line + '\n')

/** `pipeline export`: the Export node's bundle (cached or computed) written to a folder. */
export async function exportCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { node: { type: 'string' }, out: { type: 'string', short: 'o' }, 'cache-dir': { type: 'string' } },
  })
  if (positionals.length !== 1 || !values.node || !values.out) throw new CommandError('export takes one graph file, --node ID and -o DIR.')
  const { name, files } = await bundleFromGraph({ graph: positionals[0], node: values.node, cacheDir: values['cache-dir'], log })
  await writeBundleDir(values.out, files)
  console.log(`Exported "${name}" to ${values.out} (${[...files.keys()].sort().join(', ')}).`)
  return 0
}

/** `pipeline html`: a one-file offline scorer page for a bundle. */
export async function htmlCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string', short: 'o' } } })
  if (positionals.length !== 1 || !values.out) throw new CommandError('html takes one bundle folder and -o page.html.')
  const files = await readBundleDir(positionals[0])
  await setupNodeBackend()
  await loadScorer(files)
  await writeFile(values.out, await buildScorerPage(files))
  console.log(`Wrote ${values.out}: open it in a browser, offline.`)
  return 0
}

/** A `\r`-redrawn progress bar on a terminal; nothing when stderr is a file or pipe. */
function progressBar() {
  if (!process.stderr.isTTY) return undefined
  let last = 0
  return (read: number, total: number, rows: number) => {
    const now = Date.now()
    if (now - last < 100 && read < total) return
    last = now
    const f = total ? Math.min(1, read / total) : 1
    const width = 30
    const bar = '#'.repeat(Math.round(f * width)).padEnd(width, '.')
    process.stderr.write(`\r[${bar}] ${(f * 100).toFixed(0).padStart(3)}%  ${rows.toLocaleString('en')} rows`)
  }
}

/** `pipeline predict`: a CSV file scored into another, streaming. */
export async function predictCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { graph: { type: 'string' }, node: { type: 'string' }, out: { type: 'string', short: 'o' }, 'cache-dir': { type: 'string' } },
  })
  const fromGraph = values.graph !== undefined
  if (!values.out || positionals.length !== (fromGraph ? 1 : 2) || (fromGraph && !values.node)) {
    throw new CommandError('predict takes a bundle folder (or --graph FILE --node ID), one input CSV and -o out.csv.')
  }
  await setupNodeBackend()
  const files = fromGraph
    ? (await bundleFromGraph({ graph: values.graph!, node: values.node!, cacheDir: values['cache-dir'], log })).files
    : await readBundleDir(positionals[0])
  const scorer = await loadScorer(files)
  const input = positionals[positionals.length - 1]
  const bar = progressBar()
  const t0 = performance.now()
  const rows = await predictCsv(scorer, input, values.out, bar)
  if (bar) process.stderr.write('\n')
  console.log(`Scored ${rows} rows into ${values.out} in ${((performance.now() - t0) / 1000).toFixed(1)} s.`)
  return 0
}

/** `pipeline serve`: the model server, until SIGINT/SIGTERM (then it finishes in-flight requests). */
export async function serveCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      name: { type: 'string', multiple: true },
      'body-limit': { type: 'string' },
    },
  })
  if (!positionals.length) throw new CommandError('serve takes one or more bundle folders.')
  const names = values.name ?? []
  if (names.length > positionals.length) throw new CommandError('Give at most one --name per bundle folder, in the same order.')
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CommandError(`--port ${values.port} is not a port number.`)
  await setupNodeBackend()
  const models = new Map<string, Scorer>()
  for (const [i, dir] of positionals.entries()) {
    const name = names[i] ?? bundleDirName(dir)
    if (models.has(name)) throw new CommandError(`Two bundles would both serve as "${name}"; give --name for each.`)
    models.set(name, await loadScorer(await readBundleDir(dir)))
  }
  const bodyLimit = values['body-limit'] ? Number(values['body-limit']) : undefined
  // fastify and prom-client load only here: every other CLI command starts without them (≈ 0.2 s of CPU).
  const { buildServer } = await import('../server/app')
  const app = buildServer(models, { bodyLimit })
  const address = await app.listen({ port, host: values.host })
  console.log(`Serving ${[...models.keys()].join(', ')} at ${address} (POST /v1/models/{name}:predict, GET /v1/models, /health, /metrics).`)
  await new Promise<void>((resolve) => {
    const stop = () => void app.close().then(resolve)
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  console.log('Stopped.')
  return 0
}

const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  export: exportCommand,
  predict: predictCommand,
  html: htmlCommand,
  serve: serveCommand,
}

/**
 * Runs a deployment subcommand; undefined when `command` is none of them. Argument mistakes
 * are rethrown as CommandError (usage, exit 2); a failure (a bad row, a damaged bundle)
 * prints its message, exit 1.
 */
export async function deployCommand(command: string | undefined, args: string[]): Promise<number | undefined> {
  if (command === undefined || !Object.hasOwn(COMMANDS, command)) return undefined
  try {
    return await COMMANDS[command](args)
  } catch (e) {
    if (e instanceof CommandError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) throw e
    console.error(`pipeline ${command}: ${(e as Error).message}`)
    return 1
  }
}
