import { seededRandom } from '../../runtime/exec/rng'
import type { FitContext, TrainingSettings } from '../../ml/families/family'

/** A FitContext for calling a family directly: seeded, silent, with short gradient training. */
export function fitContext(opts: { seed?: number; signal?: AbortSignal; training?: Partial<TrainingSettings> } = {}): FitContext {
  return {
    signal: opts.signal ?? new AbortController().signal,
    progress: () => {},
    random: seededRandom(opts.seed ?? 0),
    log: { info: () => {}, warn: () => {} },
    training: { epochs: 3, batchSize: 32, patience: 0, shuffle: true, ...opts.training },
  }
}
