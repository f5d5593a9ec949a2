import type { Figure } from '../report'
import { best, median, pairedRatios } from '../lib/stats'

/** What tests/bench/browser/pool-run.ts returns for one run. */
export interface PoolRun {
  wallMs: number
  ran: number
  errors: string[]
  onWorkers: string[]
  /** Each node's own time (ms), measured where it ran. */
  nodeMs: Record<string, number>
  summaries: string
}

/**
 * The two-branch graph in Chromium through the app's execution worker with 1 and with 2 workers,
 * back to back, the median of the `repeats` pairs' ratios: the speed-up of the browser pool, with the same results.
 * `run(workers, true)` runs a small copy of the graph, untimed, before each timed run: setting 2
 * workers starts two fresh pool workers whose code V8 has not compiled yet, while the engine's own
 * worker (1 worker) is warm from the runs before; so each side is timed warm, as a user's next run is.
 */
export async function measureBrowserPool(run: (workers: number, warmUp: boolean) => Promise<PoolRun>, nodes: number, repeats: number) {
  const wall: Record<1 | 2, number[]> = { 1: [], 2: [] }
  const results = new Set<string>()
  const remote: string[][] = []
  for (let r = 0; r < repeats; r++) {
    for (const workers of [1, 2] as const) {
      await run(workers, true)
      const got = await run(workers, false)
      if (got.errors.length || got.ran !== nodes) throw new Error(`${workers} worker(s): ${got.ran} of ${nodes} nodes ran; ${got.errors[0] ?? ''}`)
      wall[workers].push(got.wallMs)
      results.add(got.summaries)
      if (workers === 2) remote.push(got.onWorkers)
    }
  }
  const ratios = pairedRatios(wall[1], wall[2])
  const [one, two] = [best(wall[1]), best(wall[2])]
  const figures: Figure[] = [
    {
      key: 'browserPoolSpeedup',
      label: 'Chromium: two training branches, 1 worker / 2 workers',
      value: median(ratios),
      unit: 'x',
      target: { op: '>=', value: 1.6 },
      note: `median of ${repeats} back-to-back pairs (${ratios.map((r) => r.toFixed(2)).join(', ')}); best of each side ${(one / 1000).toFixed(2)} s vs ${(two / 1000).toFixed(2)} s; on a pool worker: ${remote.at(-1)?.join(', ') || 'none'}`,
    },
    {
      key: 'browserPoolSameResults',
      label: 'Chromium: same results with 1 and 2 workers',
      value: results.size === 1 ? 1 : 0,
      unit: 'bool',
      target: { op: '=', value: 1 },
    },
  ]
  return { figures, details: { wall, remote } }
}
