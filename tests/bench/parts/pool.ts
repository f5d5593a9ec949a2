import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunReport } from '../../../runtime/exec/events'
import type { PartResult } from '../report'
import { CLI, warmCli } from '../lib/cli-bundle'
import { benchGraph, withParams, writeGraph } from '../lib/graphs'
import { machineBusyMs } from '../lib/between-parts'
import { lastJson, runTs, type ProcResult } from '../lib/proc'
import { best, median, pairedRatios } from '../lib/stats'

export interface PoolBenchOptions {
  rows: number
  epochs: number
  repeats: number
}

/** Every node's summary, for checking that the pool changes no result. */
const summaries = (r: RunReport) => JSON.stringify(Object.entries(r.nodes).map(([id, n]) => [id, n.status, n.summary]))

/** `tests/bench/graphs/two-branches.json` at the bench's size (also the browser pool's graph, parts/browser-pool.ts). */
export function twoBranchGraph(o: Pick<PoolBenchOptions, 'rows' | 'epochs'>) {
  return withParams(benchGraph('two-branches'), { data: { samples: o.rows }, fit_a: { epochs: o.epochs }, fit_b: { epochs: o.epochs } })
}

/** Cores the rest of the machine kept busy during a run, on average: all cores' busy time less the run's own CPU time, over its wall time. */
function othersCores(busyBefore: number | undefined, busyAfter: number | undefined, run: ProcResult): number {
  return busyBefore === undefined || busyAfter === undefined ? NaN : Math.max(0, busyAfter - busyBefore - run.cpuMs) / run.wallMs
}

/**
 * `tests/bench/graphs/two-branches.json` (one data set, two independent MLP trainings) through
 * the CLI with `--workers 1` and `--workers 2`, fresh processes, interleaved, median of the pairs:
 * the speed-up of the worker pool on two cores, with the same results.
 */
export async function measurePool(o: PoolBenchOptions): Promise<PartResult> {
  const sized = twoBranchGraph(o)
  const dir = await mkdtemp(join(tmpdir(), 'bench-pool-'))
  const wall: Record<'one' | 'two', number[]> = { one: [], two: [] }
  const others: number[] = []
  // The bench's own process, part of the others: it only waits for the run.
  const bench: number[] = []
  const results = new Set<string>()
  try {
    const path = await writeGraph(dir, 'two-branches', sized)
    await warmCli()
    for (let r = 0; r < o.repeats; r++) {
      for (const [name, workers] of [['one', '1'], ['two', '2']] as const) {
        const busy = machineBusyMs()
        const own = process.cpuUsage()
        const run = await runTs(CLI, ['run', path, '--json', '--no-cache', '--backend', 'wasm', '--workers', workers], { tsx: false })
        others.push(othersCores(busy, machineBusyMs(), run))
        const ownUsage = process.cpuUsage(own)
        bench.push((ownUsage.user + ownUsage.system) / 1000 / run.wallMs)
        const report = lastJson<RunReport>(run, `the CLI with --workers ${workers}`)
        if (report.ran !== sized.nodes.length) throw new Error(`--workers ${workers}: ${report.ran} of ${sized.nodes.length} nodes ran`)
        results.add(summaries(report))
        wall[name].push(run.wallMs)
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  const ratios = pairedRatios(wall.one, wall.two)
  const [one, two] = [best(wall.one), best(wall.two)]
  const s = (ms: number) => (ms / 1000).toFixed(2)
  const range = (cores: number[]) => `${Math.min(...cores).toFixed(2)}–${Math.max(...cores).toFixed(2)}`
  return {
    figures: [
      {
        key: 'poolSpeedup',
        label: 'two training branches: 1 worker / 2 workers (CLI wall)',
        value: median(ratios),
        unit: 'x',
        target: { op: '>=', value: 1.6 },
        note: `median of ${o.repeats} back-to-back pairs (${ratios.map((r) => r.toFixed(2)).join(', ')}); best of each side ${s(one)} s vs ${s(two)} s = ${(one / two).toFixed(2)}×; other load during the runs ${range(others)} cores (the bench's own process ${range(bench)})`,
      },
      {
        key: 'poolSameResults',
        label: 'same results with 1 and 2 workers',
        value: results.size === 1 ? 1 : 0,
        unit: 'bool',
        target: { op: '=', value: 1 },
      },
    ],
    details: { rows: o.rows, epochs: o.epochs, wall, othersCores: others, benchCores: bench },
  }
}
