import * as tf from '@tensorflow/tfjs-core'
// Registers every op's gradient (minimize needs them). tfjs-core's own register_all_gradients entry is ESM
// without file extensions, which Node (the CLI, via tsx) cannot load; tfjs-layers' Node bundle
// carries the gradients and its browser build imports that entry through the bundler.
import '@tensorflow/tfjs-layers'
import type { OptimizerSpec } from '../../runtime/values/ml'

const num = (spec: OptimizerSpec, key: string, fallback: number) =>
  typeof spec.config[key] === 'number' ? (spec.config[key] as number) : fallback

/** A tfjs optimizer for a spec (defaults follow Keras). The caller disposes it. */
export function makeOptimizer(spec: OptimizerSpec): tf.Optimizer {
  const lr = num(spec, 'learningRate', 0.01)
  if (!(lr > 0)) throw new Error('The learning rate must be greater than 0.')
  switch (spec.name) {
    case 'sgd': {
      const momentum = num(spec, 'momentum', 0)
      const nesterov = spec.config.nesterov === true
      return momentum > 0 || nesterov ? tf.train.momentum(lr, momentum, nesterov) : tf.train.sgd(lr)
    }
    case 'adam':
      return tf.train.adam(lr, num(spec, 'beta1', 0.9), num(spec, 'beta2', 0.999), num(spec, 'epsilon', 1e-7))
    case 'rmsprop':
      return tf.train.rmsprop(lr, num(spec, 'rho', 0.9), num(spec, 'momentum', 0), num(spec, 'epsilon', 1e-7))
    case 'adagrad':
      return tf.train.adagrad(lr, num(spec, 'initialAccumulator', 0.1))
  }
}

/** The optimizer a gradient model gets when none is wired. */
export const DEFAULT_OPTIMIZER: OptimizerSpec = { kind: 'optimizer', name: 'adam', config: { learningRate: 0.01 } }
