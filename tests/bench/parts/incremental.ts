import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as tf from '@tensorflow/tfjs-core'
import { setupNodeBackend } from '../../../runtime/backend/setup-node'
import { NodeCache } from '../../../runtime/cache/node-cache'
import { CURRENT_VERSION, GRAPH_FORMAT, type GraphDocument } from '../../../runtime/document/schema'
import type { RunReport } from '../../../runtime/exec/events'
import { runGraph } from '../../../runtime/exec/executor'
import { computeKeys } from '../../../runtime/keys/cache-keys'
import type { Registry } from '../../../runtime/registry'
import type { Figure, PartResult } from '../report'
import { missingTypes, nodeOfType, withParams, writeGraph } from '../lib/graphs'
import { CLI, warmCli } from '../lib/cli-bundle'
import { lastJson, runTs } from '../lib/proc'
import { median, medianOfPairs } from '../lib/stats'
import { codecTimes } from './cache-io'

/** The leaf edit: the metrics node's averaging, a param nothing downstream depends on. */
const LEAF_TYPE = 'metric.classification'
const LEAF_EDIT = { average: 'macro' }

const fraction = (part: number, whole: number) => part / whole

function checkAllRan(report: RunReport, what: string) {
  const bad = Object.entries(report.nodes).find(([, n]) => n.status !== 'ran' && n.status !== 'cached')
  if (bad) throw new Error(`${what}: node ${bad[0]} ${bad[1].status}${bad[1].error ? `: ${bad[1].error}` : ''}`)
}

/**
 * In one process with one NodeCache: a full run, then a run after editing one leaf param
 * (only that leaf should run). Also the trained model's encode/decode time, and whether
 * tf.memory().numTensors is back where it started after both runs.
 */
async function inProcess(doc: GraphDocument, registry: Registry, fitId: string) {
  await setupNodeBackend('wasm')
  const tensorsBefore = tf.memory().numTensors
  const cache = new NodeCache()
  const full = await runGraph({ doc, registry, cache, backend: 'wasm' })
  checkAllRan(full, 'full run')
  const leaf = nodeOfType(doc, LEAF_TYPE)
  const edited = withParams(doc, { [leaf]: LEAF_EDIT })
  const edit = await runGraph({ doc: edited, registry, cache, backend: 'wasm' })
  checkAllRan(edit, 'leaf edit')
  const tensorsLeaked = tf.memory().numTensors - tensorsBefore
  const model = await cache.get(computeKeys(doc, registry).get(fitId)!.key)
  if (model.status !== 'hit') throw new Error('the trained model is not in the cache after the run')
  const codec = await codecTimes(model.value)
  return { full, edit, ranAfterEdit: edit.ran, tensorsLeaked, codec }
}

/** Process start-up alone: the CLI on an empty graph, and for scale Node on an empty script. */
async function startup(dir: string) {
  const empty = join(dir, 'empty.json')
  await writeFile(empty, JSON.stringify({ format: GRAPH_FORMAT, version: CURRENT_VERSION, nodes: [], edges: [] }))
  const script = join(dir, 'empty.mjs')
  await writeFile(script, 'export {}\n')
  const bare = await runTs(script, [], { tsx: false })
  const cli = await runTs(CLI, ['run', empty, '--json', '--no-cache'], { tsx: false })
  if (cli.code !== 0) throw new Error(`the CLI failed on an empty graph: ${cli.stderr.slice(-300)}`)
  return { bareMs: bare.wallMs, bareCpuMs: bare.cpuMs, cliMs: cli.wallMs, cliCpuMs: cli.cpuMs }
}

/** Pairs of processes (a cold run into an empty cache directory of its own, then the unchanged graph again over it); as many leaf-edit runs. */
const PAIRS = 7

type ProcessRun = Awaited<ReturnType<typeof runTs>>

/** The run whose wall time is the median of `runs` (an odd count). */
const medianRun = (runs: ProcessRun[]) => [...runs].sort((a, b) => a.wallMs - b.wallMs)[(runs.length - 1) >> 1]

/**
 * The leaf edit as a CLI user makes it: the graph with its metrics node's param edited, in a new process,
 * each run on its own copy of the first cold run's cache directory (so the edited node is never cached).
 */
async function leafEditRuns(dir: string, doc: GraphDocument, args: (cache: string, graph: string) => string[]) {
  const path = await writeGraph(dir, 'edited', withParams(doc, { [nodeOfType(doc, LEAF_TYPE)]: LEAF_EDIT }))
  const runs: ProcessRun[] = []
  for (let i = 0; i < PAIRS; i++) {
    await cp(join(dir, 'cache-0'), join(dir, `edit-${i}`), { recursive: true })
    runs.push(await runTs(CLI, args(`edit-${i}`, path), { tsx: false }))
  }
  const median = medianRun(runs)
  const report = lastJson<RunReport>(median, 'the CLI (leaf edit)')
  if (report.ran !== 1) throw new Error(`the CLI's leaf edit ran ${report.ran} nodes, not 1`)
  return { median, report, runs }
}

/**
 * Pairs of new processes, back to back: a cold run into an empty cache directory, then the unchanged graph
 * again over that directory. A single process start swings by tens of ms on this machine, and its speed
 * drifts over minutes, so each pair's warm run is divided by its own cold run and the rows are medians.
 */
async function reload(doc: GraphDocument) {
  const dir = await mkdtemp(join(tmpdir(), 'bench-reload-'))
  try {
    const path = await writeGraph(dir, 'graph', doc)
    const args = (cache: string, graph = path) => ['run', graph, '--json', '--backend', 'wasm', '--cache-dir', join(dir, cache)]
    await warmCli()
    const pairs: { cold: ProcessRun; coldReport: RunReport; warm: ProcessRun; warmReport: RunReport }[] = []
    for (let i = 0; i < PAIRS; i++) {
      const cold = await runTs(CLI, args(`cache-${i}`), { tsx: false })
      const coldReport = lastJson<RunReport>(cold, 'the CLI (cold cache)')
      checkAllRan(coldReport, 'cold run')
      const warm = await runTs(CLI, args(`cache-${i}`), { tsx: false })
      const warmReport = lastJson<RunReport>(warm, 'the CLI (warm cache)')
      if (warmReport.ran !== 0) throw new Error(`the CLI's re-run over its cache ran ${warmReport.ran} nodes, not 0`)
      pairs.push({ cold, coldReport, warm, warmReport })
    }
    const edit = await leafEditRuns(dir, doc, args)
    const walls = {
      coldWallMs: pairs.map((p) => Math.round(p.cold.wallMs)),
      warmWallMs: pairs.map((p) => Math.round(p.warm.wallMs)),
      leafEditWallMs: edit.runs.map((r) => Math.round(r.wallMs)),
    }
    return { pairs, edit, walls, startup: await startup(dir) }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

type Pairs = Awaited<ReturnType<typeof reload>>['pairs']

/** Each pair's warm over its cold (process wall, or the report's `ms`): their median and the pairs for the note. */
const pairedReload = (pairs: Pairs, of: 'wall' | 'report') =>
  medianOfPairs(pairs.map((p) => (of === 'wall' ? [p.warm.wallMs, p.cold.wallMs] : [p.warmReport.ms, p.coldReport.ms])))

export async function measureIncremental(registry: Registry, doc: GraphDocument, fitId: string): Promise<PartResult> {
  const missing = missingTypes(doc, registry)
  if (missing.length) {
    const note = `node types not available yet: ${missing.join(', ')}`
    return {
      figures: [
        { key: 'leafEditFraction', label: 're-run after a leaf edit / full run', value: null, unit: 'fraction', target: { op: '<=', value: 0.02 }, note },
        { key: 'reloadFraction', label: 'new process, warm cache dir / cold (report ms)', value: null, unit: 'fraction', target: { op: '<=', value: 0.1 }, note },
      ],
    }
  }
  const p = await inProcess(doc, registry, fitId)
  const r = await reload(doc)
  const [report, wall] = [pairedReload(r.pairs, 'report'), pairedReload(r.pairs, 'wall')]
  const last = r.pairs.at(-1)!
  const ms = (x: number) => `${x.toFixed(0)} ms`
  const figures: Figure[] = [
    {
      key: 'leafEditFraction',
      label: 're-run after a leaf edit / full run',
      value: fraction(p.edit.ms, p.full.ms),
      unit: 'fraction',
      target: { op: '<=', value: 0.02 },
      note: `${ms(p.edit.ms)} vs ${ms(p.full.ms)}, in-process, ${p.ranAfterEdit} node(s) re-ran`,
    },
    {
      key: 'reloadFraction',
      label: 'new process, warm cache dir / cold (report ms)',
      value: report.ratio,
      unit: 'fraction',
      target: { op: '<=', value: 0.1 },
      note: `median of ${PAIRS} pairs of processes (warm/cold ms: ${report.each}), ${last.warmReport.cached} cached, 0 ran`,
    },
    {
      key: 'reloadWallFraction',
      label: 'same, process wall time',
      value: wall.ratio,
      unit: 'fraction',
      target: { op: '<=', value: 0.1 },
      note: `median of the same ${PAIRS} pairs (warm/cold ms: ${wall.each}; includes Node start-up and loading the CLI; CPU ${ms(median(r.pairs.map((p) => p.warm.cpuMs)))} vs ${ms(median(r.pairs.map((p) => p.cold.cpuMs)))}, medians)`,
    },
    {
      key: 'cliLeafEditWallMs',
      label: 'CLI: re-run after a leaf edit, new process, wall',
      value: r.edit.median.wallMs,
      unit: 'ms',
      note: `median of ${PAIRS}, each on a copy of the cold run's cache dir; ${r.edit.report.ran} ran, ${r.edit.report.cached} cached; report ${ms(r.edit.report.ms)}; CPU ${ms(r.edit.median.cpuMs)}`,
    },
    {
      key: 'cliStartupMs',
      label: 'CLI start-up, empty graph, process wall',
      value: r.startup.cliMs,
      unit: 'ms',
      note: `node on an empty script: ${ms(r.startup.bareMs)}; CPU ${ms(r.startup.cliCpuMs)} vs ${ms(r.startup.bareCpuMs)}`,
    },
    { key: 'modelEncodeMs', label: 'trained model encode (codec + pack)', value: p.codec.encodeMs, unit: 'ms', note: `${(p.codec.bytes / 1024).toFixed(0)} KiB packed` },
    { key: 'modelDecodeMs', label: 'trained model decode (unpack + codec)', value: p.codec.decodeMs, unit: 'ms' },
    {
      key: 'tensorsLeaked',
      label: 'tf tensors left after two runs',
      value: p.tensorsLeaked,
      unit: 'count',
      target: { op: '=', value: 0 },
      note: 'tf.memory().numTensors after - before',
    },
  ]
  return {
    figures,
    details: {
      fullMs: p.full.ms,
      editMs: p.edit.ms,
      ranAfterEdit: p.ranAfterEdit,
      perNodeFullMs: Object.fromEntries(Object.entries(p.full.nodes).map(([id, n]) => [id, n.ms])),
      reload: {
        coldMs: r.pairs.map((p) => p.coldReport.ms),
        warmMs: r.pairs.map((p) => p.warmReport.ms),
        ...r.walls,
        warmCached: last.warmReport.cached,
        warmRan: last.warmReport.ran,
      },
    },
  }
}
