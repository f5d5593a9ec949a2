import type { EpochRecord } from '../../runtime/values/ml'
import { seededRandom } from '../../runtime/values/random'
import { isOptimizerState, type OptimizerState } from './optimizer-state'

/**
 * Everything a training run needs to go on for more epochs and end exactly where a longer run
 * from scratch would: the weights after the last epoch (not the kept best), the optimizer's
 * state, early stopping's state, the history, and the seed of the per-epoch random streams.
 */
export interface NetCheckpoint {
  /** Epochs trained. */
  epoch: number
  weights: Float32Array[]
  optimizer: OptimizerState
  history: EpochRecord[]
  /** Early stopping's best epoch so far (patience > 0). */
  best?: { loss: number; epoch: number; values: Float32Array[] }
  /** Epochs since the best one. */
  stale: number
  /** Early stopping ended the run: a longer run stops at the same epoch. */
  stopped: boolean
  /** Seeds each epoch's shuffle and dropout together with the epoch number (epochRandom). */
  epochSeed: number
}

/**
 * The random stream of one epoch (its shuffle, then its dropout seeds), a function of the run's
 * seed and the epoch number only: epoch e draws the same numbers whether the run started at
 * epoch 1 or continued from a checkpoint. Keep every per-epoch draw on this stream.
 */
export function epochRandom(epochSeed: number, epoch: number): () => number {
  return seededRandom(mix32(epochSeed ^ mix32(epoch)))
}

/** murmur3's 32-bit finalizer: neighbouring inputs give unrelated seeds. */
function mix32(x: number): number {
  let h = x >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

const floats = (v: unknown, sizes: number[]) =>
  Array.isArray(v) && v.length === sizes.length && v.every((w, i) => w instanceof Float32Array && w.length === sizes[i])

/**
 * The checkpoint when `v` is one for a network with these weight sizes, else undefined: it comes
 * from a cache entry, and a mismatch means "train from scratch", never a crash.
 */
export function readCheckpoint(v: unknown, sizes: number[]): NetCheckpoint | undefined {
  const c = v as NetCheckpoint
  if (!c || typeof c !== 'object' || !Number.isInteger(c.epoch) || c.epoch < 1) return undefined
  if (!floats(c.weights, sizes) || !isOptimizerState(c.optimizer) || !Array.isArray(c.history) || c.history.length !== c.epoch) return undefined
  if (c.best && !(typeof c.best.loss === 'number' && Number.isInteger(c.best.epoch) && floats(c.best.values, sizes))) return undefined
  if (!Number.isInteger(c.stale) || typeof c.stopped !== 'boolean' || !Number.isInteger(c.epochSeed)) return undefined
  return c
}
