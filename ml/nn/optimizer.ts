import * as tf from '@tensorflow/tfjs-core'
// Registers every op's gradient (minimize needs them). tfjs-core's own register_all_gradients entry is ESM
// without file extensions, which Node (the CLI, via tsx) cannot load; tfjs-layers' Node bundle
// carries the gradients and its browser build imports that entry through the bundler.
import '@tensorflow/tfjs-layers'
import type { OptimizerSpec } from '../../runtime/values/ml'

/** An optimizer spec with every number resolved (defaults follow Keras). */
export type OptimizerSettings =
  | { name: 'sgd'; lr: number; momentum: number; nesterov: boolean }
  | { name: 'adam'; lr: number; beta1: number; beta2: number; epsilon: number }
  | { name: 'rmsprop'; lr: number; rho: number; momentum: number; epsilon: number }
  | { name: 'adagrad'; lr: number; initialAccumulator: number }

/** Resolves a spec's numbers; throws a plain message on a learning rate that is not > 0. */
export function optimizerSettings(spec: OptimizerSpec): OptimizerSettings {
  const num = (key: string, fallback: number) => (typeof spec.config[key] === 'number' ? (spec.config[key] as number) : fallback)
  const lr = num('learningRate', 0.01)
  if (!(lr > 0)) throw new Error('The learning rate must be greater than 0.')
  switch (spec.name) {
    case 'sgd':
      return { name: 'sgd', lr, momentum: num('momentum', 0), nesterov: spec.config.nesterov === true }
    case 'adam':
      return { name: 'adam', lr, beta1: num('beta1', 0.9), beta2: num('beta2', 0.999), epsilon: num('epsilon', 1e-7) }
    case 'rmsprop':
      return { name: 'rmsprop', lr, rho: num('rho', 0.9), momentum: num('momentum', 0), epsilon: num('epsilon', 1e-7) }
    case 'adagrad':
      return { name: 'adagrad', lr, initialAccumulator: num('initialAccumulator', 0.1) }
  }
}

/** A tfjs optimizer for a spec. The caller disposes it. */
export function makeOptimizer(spec: OptimizerSpec): tf.Optimizer {
  const s = optimizerSettings(spec)
  switch (s.name) {
    case 'sgd':
      return s.momentum > 0 || s.nesterov ? tf.train.momentum(s.lr, s.momentum, s.nesterov) : tf.train.sgd(s.lr)
    case 'adam':
      return tf.train.adam(s.lr, s.beta1, s.beta2, s.epsilon)
    case 'rmsprop':
      return tf.train.rmsprop(s.lr, s.rho, s.momentum, s.epsilon)
    case 'adagrad':
      return tf.train.adagrad(s.lr, s.initialAccumulator)
  }
}

/** The optimizer a gradient model gets when none is wired. */
export const DEFAULT_OPTIMIZER: OptimizerSpec = { kind: 'optimizer', name: 'adam', config: { learningRate: 0.01 } }
