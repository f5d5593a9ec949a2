/**
 * `npm run bench`: every figure of issue 5 measured side by side in one run, printed as one
 * table (or, with --json, as one JSON object on stdout). --quick shrinks every part to a
 * smoke run (seconds) whose numbers only check the harness. --only a,b runs some parts,
 * --skip a,b all but some, --save FILE also writes the JSON object to FILE.
 * Progress goes to stderr. See tests/bench/README.md.
 */
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { createRegistry } from '../../nodes'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import { describeMachine } from './lib/machine'
import { checkQuiet } from './lib/between-parts'
import { measureBackends } from './parts/backends'
import { measureBrowser } from './parts/browser'
import { measureCacheIo } from './parts/cache-io'
import { measureDeploy } from './parts/deploy'
import { measureEditor } from './parts/editor'
import { measureIncremental } from './parts/incremental'
import { measureMemory } from './parts/memory'
import { measureModels } from './parts/models'
import { measureOverhead, mlpGraph } from './parts/overhead'
import { measurePool, twoBranchGraph } from './parts/pool'
import { measureQueue } from './parts/queue'
import { measureRl } from './parts/rl'
import { measureScale } from './parts/scale'
import { measureScaleRuns } from './parts/scale-runs'
import { measureSearch } from './parts/search'
import { formatTable, toJson, type PartResult } from './report'

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    skip: { type: 'string' },
    save: { type: 'string' },
    /** Sizes (MB) of the CSV files `pipeline predict` scores in the deploy part, e.g. 20,1024. */
    'predict-mb': { type: 'string' },
  },
})

const FULL = {
  overhead: { rows: 20_000, epochs: 10, repeats: 3, sklearn: true },
  incremental: { rows: 20_000, epochs: 10 },
  cacheMB: [10, 100],
  cacheRepeats: 3,
  scaleNodes: 10_000,
  scaleRepeats: 7,
  scaleRuns: { chainNodes: 10_000, splitRows: 1_000_000 },
  backendRows: 4_000,
  matmulSize: 512,
  backendRepeats: 3,
  csvRows: 100_000,
  browser: { rows: 20_000, epochs: 10, repeats: 3, idbMB: [10, 100], epochRows: 2_000, layoutNodes: 500, incrementalPairs: 5 },
  pool: { rows: 20_000, epochs: 40, repeats: 5 },
  search: { trials: 20, epochs: 15, interruptAfter: 10, resumeEpochs: 400, pairs: 5 },
  queue: { trials: 20, samples: 20_000, epochs: 60, repeats: 2 },
  rl: {},
  models: { smallRows: 455, bigRows: 100_000, midRows: 5_000, tsneRows: 1800, repeats: 2, sklearn: true },
  deploy: { predictMB: [20, 200], loadSeconds: 10 },
}
const QUICK: typeof FULL = {
  overhead: { rows: 2_000, epochs: 1, repeats: 1, sklearn: false },
  incremental: { rows: 2_000, epochs: 1 },
  cacheMB: [1, 4],
  cacheRepeats: 1,
  scaleNodes: 2_000,
  scaleRepeats: 1,
  scaleRuns: { chainNodes: 200, splitRows: 20_000 },
  backendRows: 256,
  matmulSize: 128,
  backendRepeats: 1,
  csvRows: 2_000,
  browser: { rows: 2_000, epochs: 1, repeats: 1, idbMB: [1, 4], epochRows: 256, layoutNodes: 50, incrementalPairs: 1 },
  pool: { rows: 1_000, epochs: 1, repeats: 1 },
  search: { trials: 4, epochs: 1, interruptAfter: 2, resumeEpochs: 1, pairs: 1 },
  queue: { trials: 3, samples: 100, epochs: 1, repeats: 1 },
  rl: { dqnEpisodes: 5, evalEpisodes: 5 },
  models: { smallRows: 100, bigRows: 1_000, midRows: 200, tsneRows: 100, repeats: 1, sklearn: false },
  deploy: { predictMB: [1], loadSeconds: 1 },
}
const c = args.quick ? QUICK : FULL
const registry = createRegistry()
const log = (m: string) => process.stderr.write(`bench: ${m}\n`)

const PARTS: Record<string, () => Promise<PartResult> | PartResult> = {
  scale: () => measureScale(c.scaleNodes, c.scaleRepeats),
  scaleRuns: () => measureScaleRuns(c.scaleRuns.chainNodes, c.scaleRuns.splitRows),
  cacheIo: () => measureCacheIo(c.cacheMB, c.cacheRepeats),
  backends: () => measureBackends(c.backendRows, c.matmulSize, c.backendRepeats),
  overhead: () => measureOverhead(registry, c.overhead),
  incremental: () => {
    const { doc, fit } = mlpGraph(c.incremental)
    return measureIncremental(registry, doc, fit)
  },
  memory: () => measureMemory(registry, c.csvRows),
  browser: () => {
    const { epochRows, repeats, idbMB, layoutNodes, incrementalPairs } = c.browser
    const pool = { doc: twoBranchGraph(c.pool), warmUp: twoBranchGraph({ rows: 2_000, epochs: 1 }), repeats: c.pool.repeats }
    return measureBrowser({ rows: epochRows, matmulSize: c.matmulSize, repeats, idbMB, layoutNodes, incrementalPairs, doc: mlpGraph(c.browser).doc, pool })
  },
  editor: () => measureEditor(c.browser.layoutNodes, args.quick ? 100 : 1000, args.quick ? 20 : 350),
  pool: () => measurePool(c.pool),
  search: () => measureSearch(c.search),
  queue: () => measureQueue(c.queue),
  rl: () => measureRl(c.rl),
  models: () => measureModels(c.models),
  deploy: () => measureDeploy({ ...c.deploy, predictMB: args['predict-mb'] ? args['predict-mb'].split(',').map(Number) : c.deploy.predictMB }),
}

const only = args.only?.split(',')
const skip = args.skip?.split(',') ?? []
for (const name of [...(only ?? []), ...skip]) if (!(name in PARTS)) throw new Error(`Unknown part "${name}"; parts: ${Object.keys(PARTS).join(', ')}.`)

const started = performance.now()
const backend = await setupNodeBackend()
const results: Record<string, PartResult> = {}
const errors: Record<string, string> = {}
for (const [name, part] of Object.entries(PARTS)) {
  if ((only && !only.includes(name)) || skip.includes(name)) continue
  for (const warning of await checkQuiet(name, args.quick ? 50 : 500)) log(`warning: ${warning}`)
  log(`${name}…`)
  const t0 = performance.now()
  try {
    results[name] = await part()
  } catch (e) {
    errors[name] = (e as Error).message
    log(`${name} failed: ${(e as Error).message}`)
  }
  log(`${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
}
const totalS = (performance.now() - started) / 1000
const header = { machine: describeMachine(), backend: `${backend} (Node; automatic choice)` }

const json = JSON.stringify({ ...toJson(header, results), errors, quick: args.quick, totalSeconds: totalS })
if (args.save) writeFileSync(args.save, json + '\n')
if (args.json) {
  process.stdout.write(json + '\n')
} else {
  console.log(`machine: ${header.machine}\nbackend: ${header.backend}${args.quick ? '\n(quick smoke run: the numbers are not meaningful)' : ''}\n`)
  console.log(formatTable(Object.values(results).flatMap((r) => r.figures)))
  for (const [name, message] of Object.entries(errors)) console.log(`\n${name} failed: ${message}`)
  console.log(`\n${totalS.toFixed(0)} s in all`)
}
if (Object.keys(errors).length) process.exitCode = 1
