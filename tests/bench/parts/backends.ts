import { setupNodeBackend } from '../../../runtime/backend/setup-node'
import type { Figure, PartResult } from '../report'
import { best } from '../lib/stats'
import { matmulMs, mlpEpoch } from './tf-work'

/**
 * The same work on every backend Node offers (wasm, cpu), as ratios to wasm, and whether the
 * automatic choice (setupNodeBackend without a forced backend) picks the fastest.
 */
export async function measureBackends(rows: number, matmulSize: number, repeats: number): Promise<PartResult> {
  const names = ['wasm', 'cpu'] as const
  const times: Record<string, { matmulMs: number; epochMs: number }> = {}
  for (const name of names) {
    await setupNodeBackend(name)
    await matmulMs(64)
    await mlpEpoch(Math.min(rows, 256))
    // One matmul chain: on the cpu backend a 512² matmul takes most of a second.
    const mm = await matmulMs(matmulSize)
    const ep: number[] = []
    for (let r = 0; r < repeats; r++) ep.push(await mlpEpoch(rows))
    times[name] = { matmulMs: mm, epochMs: best(ep) }
  }
  const auto = await setupNodeBackend()
  const fastest = names.reduce((a, b) => (times[a].epochMs <= times[b].epochMs ? a : b))
  const figures: Figure[] = names.flatMap((name) => [
    {
      key: `backendRatio.${name}`,
      label: `${name}: MLP epoch time / wasm`,
      value: times[name].epochMs / times.wasm.epochMs,
      unit: 'x' as const,
      note: `${times[name].epochMs.toFixed(0)} ms per epoch of ${rows} rows; ${matmulSize}² matmul ${times[name].matmulMs.toFixed(1)} ms`,
    },
  ])
  figures.push({
    key: 'autoBackendFastest',
    label: 'automatic backend choice is the fastest',
    value: auto === fastest ? 1 : 0,
    unit: 'bool',
    target: { op: '=', value: 1 },
    note: `picked ${auto}, fastest ${fastest}`,
  })
  return { figures, details: { rows, matmulSize, times, auto, fastest } }
}
