import { readFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { isBackendName } from '../backend/choose-backend'
import { nodeBackendOrder, setupNodeBackend } from '../backend/setup-node'
import { NodeCache } from '../cache/node-cache'
import { loadDocument } from '../document/load'
import type { GraphDocument } from '../document/schema'
import { runGraph } from '../exec/executor'
import type { RunEvent } from '../exec/events'
import { inProcessRunner } from '../exec/runner'
import { restoreExtraCaEnv } from '../net/ca'
import { outboundFetch } from '../net/outbound-fetch'
import { setNetworkPolicy } from '../net/policy'
import { describeNode, type Registry } from '../registry'
import { formatDiagnostics, hasErrors } from '../validate/diagnostics'
import { formatEvent, formatTotals } from './format'
import { CACHE_URL_HELP, openCacheStore, UsageError } from './open-cache'
import { lookupAll } from './net-lookup'
import { cancelOnSignals, openQueueRunner, QUEUE_HELP } from './queue-run'
import { WORKER_HELP, WORKER_USAGE, workerCommand } from './worker-command'
import { BRIDGE_HELP, BRIDGE_USAGE, bridgeCommand } from './bridge-command'
import { nodeFileProvider } from './node-files'
import { CurveCollector } from '../history/run-entry'
import { runRecorder, RUNS_HELP, RUNS_USAGE, runsCommand } from './runs-command'
import { threadPool, wantsWarmPool } from './thread-pool'
import { DEPLOY_USAGE, deployCommand } from '../../deploy/cli/commands'
import { CommandError } from '../../deploy/cli/load-graph'
import { parseOutSpec, type OutSpec } from './table-out'
import { checkOutSpecs, writeOuts } from './write-outs'
import { backendOnDemand } from './backend-on-demand'
import { buildingSnapshot, startFromSnapshot } from './snapshot-start'
import { cliRegistry } from './cli-registry'

const USAGE = `Usage:
  pipeline run <graph.json> [--json] [--cache-dir DIR | --cache-url s3://bucket/prefix | --no-cache] [--to NODE_ID] [--force NODE_ID] [--backend wasm|cpu]
                             [--allow-read DIR]... [--allow-net] [--out NODE=path.csv]... [--workers N]
                             [--queue redis://host:port [--attempts N] [--parallel N]]
${WORKER_USAGE}
${BRIDGE_USAGE}
  pipeline nodes [--json]
${RUNS_USAGE}
${DEPLOY_USAGE}

A graph reads files only inside its own folder; --allow-read DIR allows another folder (repeatable).
--workers N runs up to N nodes at once, each on its own thread (default: one per core; 1 = one thread).
--out NODE=path writes that node's table output (a dataset, splits or predictions) to a file once the run ends:
CSV, or TSV / JSON records for a .tsv / .json path; NODE.PORT=path picks an output by name (repeatable).
data.url nodes fetch only public internet addresses; --allow-net allows this computer and private networks.
${CACHE_URL_HELP}
${QUEUE_HELP}
${WORKER_HELP}
${BRIDGE_HELP}
${RUNS_HELP}

Exit codes: 0 every requested node succeeded, 1 a node failed, 2 invalid document or arguments.`

const RUN_OPTIONS = {
  json: { type: 'boolean', default: false },
  'cache-dir': { type: 'string' },
  'cache-url': { type: 'string' },
  'no-cache': { type: 'boolean', default: false },
  to: { type: 'string' },
  force: { type: 'string', multiple: true },
  backend: { type: 'string' },
  'allow-read': { type: 'string', multiple: true },
  'allow-net': { type: 'boolean', default: false },
  out: { type: 'string', multiple: true },
  queue: { type: 'string' },
  attempts: { type: 'string' },
  parallel: { type: 'string' },
  workers: { type: 'string' },
} as const

/** Reads and loads the graph file, or prints what is wrong with it and returns undefined. */
async function loadGraphFile(name: string, registry: Registry) {
  const text = await readFile(resolve(name), 'utf8').catch(() => {
    throw new UsageError(`Cannot read graph file ${name}.`)
  })
  // Editors on Windows save JSON with a byte-order mark; the editor accepts it, so the CLI does too.
  const loaded = loadDocument(text.replace(/^\uFEFF/, ''), registry)
  if (!loaded.ok || hasErrors(loaded.diagnostics)) {
    console.error(`${name} is not a valid graph:\n${formatDiagnostics(loaded.diagnostics)}`)
    return undefined
  }
  // Warnings and notes (e.g. nodes updated from an older version) go to stderr; the run goes on.
  if (loaded.diagnostics.length) console.error(formatDiagnostics(loaded.diagnostics))
  return loaded.doc
}

/** Prints a run's events as lines (progress on stderr, at most every 0.5 s); nothing with --json. */
function eventPrinter(json: boolean, typeOf: Map<string, string>, curves: CurveCollector) {
  let lastProgress = 0
  return (e: RunEvent) => {
    curves.add(e)
    if (json || e.type === 'run-start' || e.type === 'run-end' || e.type === 'queued') return
    // Log lines (warnings) come as progress without a fraction: never thinned out.
    if (e.type === 'progress' && !Number.isNaN(e.fraction)) {
      const now = Date.now()
      if (now - lastProgress < 500) return
      lastProgress = now
    }
    const line = formatEvent(e, typeOf.get(e.nodeId) ?? '')
    if (line) (e.type === 'progress' ? process.stderr : process.stdout).write(line + '\n')
  }
}

async function runCommand(registry: Registry, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: RUN_OPTIONS })
  if (positionals.length !== 1) throw new UsageError('run takes exactly one graph file.')
  const forced = values.backend && nodeBackend(values.backend)
  const path = resolve(positionals[0])
  const doc = await loadGraphFile(positionals[0], registry)
  if (!doc) return 2
  const ids = new Set(doc.nodes.map((n) => n.id))
  for (const id of [values.to, ...(values.force ?? [])]) {
    if (id !== undefined && !ids.has(id)) throw new UsageError(`No node with id "${id}" in ${positionals[0]}.`)
  }
  const outs = outSpecs(values.out ?? [], ids, doc, registry)
  const workers = workerCount(values.workers)
  // Before this thread's backend starts, so that the threads' start overlaps it; each thread makes the same choice.
  // With --queue the nodes run elsewhere: threads start only if a node needs one.
  const pool = workers > 1 ? threadPool({ backend: forced || 'auto', allowNet: values['allow-net'] }, workers) : undefined
  if (pool && !values.queue && wantsWarmPool(doc, registry)) void pool.warm()

  // Started when the first node runs on this thread: a run served from the cache starts no backend.
  const backend = nodeBackendOrder(forced || undefined)[0]
  const startBackend = async () => {
    const started = await setupNodeBackend(forced || undefined)
    if (started !== backend) console.error(`warning: the ${backend} backend could not start; running on ${started}.`)
  }
  setNetworkPolicy({ allowPrivate: values['allow-net'], lookup: lookupAll, howToAllow: 'run with --allow-net', fetch: outboundFetch })
  const cache = new NodeCache({ store: await openCacheStore(values) })
  const queue = await openQueueRunner(values, cache, pool)
  const controller = new AbortController()
  const curves = new CurveCollector()
  const release = queue ? cancelOnSignals(controller) : () => undefined
  const history = runRecorder(values, path)
  const report = await runGraph({
    runner: backendOnDemand(queue ?? pool ?? inProcessRunner, startBackend),
    signal: controller.signal,
    // Queued nodes wait on workers, not on this process: every ready node may be queued at once.
    concurrency: queue ? 256 : Math.max(4, workers),
    doc,
    registry,
    cache,
    scope: path,
    to: values.to,
    force: values.force,
    backend,
    files: nodeFileProvider(dirname(path), (values['allow-read'] ?? []).map((dir) => resolve(dir))),
    onEvent: eventPrinter(values.json, new Map(doc.nodes.map((n) => [n.id, n.type])), curves),
  }).finally(async () => {
    release()
    await queue?.close()
  })
  pool?.close()
  if (values.json) process.stdout.write(JSON.stringify(report) + '\n')
  else console.log(formatTotals(report))
  await history.record(doc, report, curves)
  const written = await writeOuts(outs, report, cache, path)
  // With --json, stdout holds only the report.
  for (const line of written.lines) (values.json ? process.stderr : process.stdout).write(line + '\n')
  const failed = Object.values(report.nodes).some((n) => n.status === 'error' || n.status === 'blocked')
  return failed || written.failed ? 1 : 0
}

/** The checked `--out` specs; a bad one is a usage error, before anything runs. */
function outSpecs(texts: string[], ids: ReadonlySet<string>, doc: GraphDocument, registry: Registry): OutSpec[] {
  let specs: OutSpec[]
  try {
    specs = texts.map((t) => parseOutSpec(t, ids))
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  const problems = checkOutSpecs(specs, doc, registry)
  if (problems.length) throw new UsageError(problems.join('\n'))
  return specs
}

/** `--workers N`: a whole number from 1; default one per core. */
function workerCount(text: string | undefined): number {
  if (text === undefined) return availableParallelism()
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new UsageError(`--workers takes a whole number from 1 to 256, not "${text}".`)
  return n
}

/** The backends Node can run here; a GPU backend needs a browser. */
function nodeBackend(name: string): 'wasm' | 'cpu' {
  if (name === 'wasm' || name === 'cpu') return name
  if (isBackendName(name)) throw new UsageError(`The ${name} backend needs a browser with a GPU; the CLI runs on wasm or cpu.`)
  throw new UsageError(`Unknown backend "${name}"; the CLI runs on wasm or cpu.`)
}

function nodesCommand(registry: Registry, args: string[]): number {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } })
  const described = registry.list().map(describeNode)
  if (values.json) {
    process.stdout.write(JSON.stringify(described, null, 2) + '\n')
    return 0
  }
  for (const d of described) {
    const ports = (p: Record<string, { types: string[] }>) =>
      Object.entries(p).map(([k, v]) => `${k}:${v.types.join('|')}`).join(', ') || '—'
    console.log(`${d.type}  ${d.title}  [${d.category}]\n  in: ${ports(d.inputs)}  out: ${ports(d.outputs)}\n  ${d.description}\n`)
  }
  return 0
}

async function main(argv: string[]): Promise<number> {
  restoreExtraCaEnv()
  const [command, ...rest] = argv
  const registry = cliRegistry()
  try {
    if (command === 'run') return await runCommand(registry, rest)
    if (command === 'nodes') return nodesCommand(registry, rest)
    if (command === 'runs') return await runsCommand(rest)
    if (command === 'worker') return await workerCommand(registry, rest)
    if (command === 'bridge') return await bridgeCommand(rest)
    const deployed = await deployCommand(command, rest)
    if (deployed !== undefined) return deployed
    throw new UsageError(command ? `Unknown command "${command}".` : 'No command given.')
  } catch (e) {
    if (e instanceof UsageError || e instanceof CommandError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(e as Error).message}\n\n${USAGE}`)
      return 2
    }
    throw e
  }
}

// Built into a start-up snapshot (snapshot.mjs), the bundle's top level ends here and main runs when a process starts from it.
if (buildingSnapshot()) await startFromSnapshot(main, import.meta.url)
else process.exitCode = await main(process.argv.slice(2))
