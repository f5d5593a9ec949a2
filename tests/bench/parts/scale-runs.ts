import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CURRENT_VERSION, GRAPH_FORMAT, type GraphDocument } from '../../../runtime/document/schema'
import type { RunReport } from '../../../runtime/exec/events'
import type { Figure, PartResult } from '../report'
import { CLI, warmCli } from '../lib/cli-bundle'
import { lastJson, runTs, type ProcResult } from '../lib/proc'

/** data.iris → `length` × clean.drop-missing (a dataset node that adds no fitted step), one wire each. */
export function chainGraph(length: number): GraphDocument {
  const doc: GraphDocument = { format: GRAPH_FORMAT, version: CURRENT_VERSION, nodes: [{ id: 'iris', type: 'data.iris', params: {} }], edges: [], meta: {} }
  for (let i = 0; i < length; i++) {
    doc.nodes.push({ id: `c${i}`, type: 'clean.drop-missing', params: {} })
    doc.edges.push({ id: `e${i}`, from: { node: i ? `c${i - 1}` : 'iris', port: 'data' }, to: { node: `c${i}`, port: 'data' } })
  }
  return doc
}

/** data.classification of `rows` rows (20 features) → transform.split (stratified 60/20/20). */
export function splitGraph(rows: number): GraphDocument {
  return {
    format: GRAPH_FORMAT,
    version: CURRENT_VERSION,
    nodes: [
      { id: 'data', type: 'data.classification', params: { samples: rows, features: 20 } },
      { id: 'split', type: 'transform.split', params: { test: 0.2, validation: 0.2 } },
    ],
    edges: [{ id: 'e0', from: { node: 'data', port: 'data' }, to: { node: 'split', port: 'data' } }],
    meta: {},
  }
}

interface Run {
  proc: ProcResult
  report: RunReport
}

/** One CLI process on `path` with these cache flags; every node must end ran or cached. */
async function cliRun(path: string, cacheArgs: string[], what: string): Promise<Run> {
  const proc = await runTs(CLI, ['run', path, '--json', ...cacheArgs], { tsx: false, timeoutMs: 900_000 })
  const report = lastJson<RunReport>(proc, what)
  const bad = Object.entries(report.nodes).find(([, n]) => n.status !== 'ran' && n.status !== 'cached')
  if (bad) throw new Error(`${what}: node ${bad[0]} ${bad[1].status}: ${bad[1].error ?? ''}`)
  return { proc, report }
}

/**
 * A time row and a peak-RSS row for one run: the process wall time, or with `node` that node's
 * own time in the report (the split, not generating its rows).
 */
function rows(key: string, label: string, run: Run, targets: { ms: number; mb: number }, node?: string): Figure[] {
  const { proc, report } = run
  const counts = `${report.ran} ran, ${report.cached} cached; process wall ${(proc.wallMs / 1000).toFixed(1)} s, CPU ${(proc.cpuMs / 1000).toFixed(1)} s`
  const value = node ? report.nodes[node].ms ?? null : proc.wallMs
  return [
    { key: `${key}Ms`, label: node ? `${label}, ${node} node` : `${label}, process wall`, value, unit: 'ms', note: counts, target: { op: '<', value: targets.ms } },
    { key: `${key}RssMB`, label: `${label}, peak RSS`, value: proc.peakRssMB, unit: 'MB', target: { op: '<', value: targets.mb } },
  ]
}

/**
 * Whole runs at scale through the CLI (fresh processes): a `chainNodes`-node chain without a
 * cache, into an empty cache directory and again from it (all cached); a `splitRows`-row split
 * without a cache and into an empty cache directory. Time and peak RSS of each.
 */
export async function measureScaleRuns(chainNodes: number, splitRows: number): Promise<PartResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-scale-runs-'))
  try {
    await warmCli()
    const chain = join(dir, 'chain.json')
    const split = join(dir, 'split.json')
    await writeFile(chain, JSON.stringify(chainGraph(chainNodes)))
    await writeFile(split, JSON.stringify(splitGraph(splitRows)))
    const chainCache = ['--cache-dir', join(dir, 'chain-cache')]
    const splitCache = ['--cache-dir', join(dir, 'split-cache')]
    const n = chainNodes + 1
    const m = `${splitRows}-row split`
    const runs = {
      chainNoCache: await cliRun(chain, ['--no-cache'], 'chain, --no-cache'),
      chainCold: await cliRun(chain, chainCache, 'chain, empty cache'),
      chainWarm: await cliRun(chain, chainCache, 'chain, cached'),
      splitNoCache: await cliRun(split, ['--no-cache'], 'split, --no-cache'),
      splitCold: await cliRun(split, splitCache, 'split, empty cache'),
    }
    return {
      figures: [
        ...rows('chain10kNoCache', `${n}-node chain, --no-cache`, runs.chainNoCache, { ms: 30_000, mb: 1024 }),
        ...rows('chain10kCacheCold', `${n}-node chain, empty --cache-dir`, runs.chainCold, { ms: 30_000, mb: 1024 }),
        ...rows('chain10kCacheWarm', `${n}-node chain, all cached in --cache-dir`, runs.chainWarm, { ms: 30_000, mb: 1024 }),
        ...rows('split1MNoCache', `${m}, --no-cache`, runs.splitNoCache, { ms: 10_000, mb: 1536 }, 'split'),
        ...rows('split1MCacheCold', `${m}, empty --cache-dir`, runs.splitCold, { ms: 10_000, mb: 1536 }, 'split'),
      ],
      details: Object.fromEntries(Object.entries(runs).map(([k, r]) => [k, { wallMs: r.proc.wallMs, cpuMs: r.proc.cpuMs, peakRssMB: r.proc.peakRssMB, reportMs: r.report.ms }])),
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
