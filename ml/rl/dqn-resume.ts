import { isOptimizerState, type OptimizerState } from '../nn/optimizer-state'
import type { DenseNet } from './dense'
import { bufferFits, type BufferState } from './replay-buffer'

/** The network DQN kept at its best greedy check so far. */
export interface KeptNet {
  net: DenseNet
  episode: number
  mean: number
}

/**
 * Where a DQN run stopped: its episode and step counts (the ε schedule's position), the online
 * and target networks, Adam's state, the replay buffer, the three random streams (environment,
 * learner, greedy checks) and the best greedy check so far.
 */
export interface DqnResume {
  episodes: number
  steps: number
  online: Float32Array[]
  target: Float32Array[]
  optimizer: OptimizerState
  buffer: BufferState
  envRandom: number
  learnerRandom: number
  keeperRandom: number
  best?: KeptNet
}

const floats = (v: unknown, sizes: number[]) =>
  Array.isArray(v) && v.length === sizes.length && v.every((w, i) => w instanceof Float32Array && w.length === sizes[i])

/**
 * The resume state when `v` is one for this network, buffer and at most `episodes` episodes;
 * undefined otherwise (it comes from a cache entry: a mismatch means "train from scratch").
 */
export function readDqnResume(v: unknown, fit: { episodes: number; sizes: number[]; bufferSize: number; width: number }): DqnResume | undefined {
  const r = v as DqnResume
  if (!r || typeof r !== 'object') return undefined
  const counts = Number.isInteger(r.episodes) && r.episodes >= 1 && r.episodes <= fit.episodes && Number.isInteger(r.steps) && r.steps >= 0
  const streams = [r.envRandom, r.learnerRandom, r.keeperRandom].every((s) => Number.isInteger(s) && s >= 0 && s < 2 ** 32)
  const nets = floats(r.online, fit.sizes) && floats(r.target, fit.sizes) && isOptimizerState(r.optimizer)
  const buffer = !!r.buffer && typeof r.buffer === 'object' && bufferFits(r.buffer, fit.bufferSize, fit.width)
  const best = r.best === undefined || (floats(r.best.net?.weights, fit.sizes) && Number.isInteger(r.best.episode) && typeof r.best.mean === 'number')
  return counts && streams && nets && buffer && best ? r : undefined
}
