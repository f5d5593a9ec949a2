import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import type { OptimizerSpec } from '../../runtime/values/ml'

/** Optimizer nodes: each outputs an `optimizer` value for a Train node (defaults follow Keras). */

const learningRate = (d: number) =>
  p.number({ default: d, gt: 0, max: 10, title: 'Learning rate', description: 'Step size; must be greater than 0.' })
const epsilon = () => p.number({ default: 1e-7, gt: 0, max: 1, title: 'Epsilon', advanced: true })

const summarize = (outputs: Record<string, unknown>) => ({
  optimizer: (outputs.optimizer as OptimizerSpec).name,
  ...(outputs.optimizer as OptimizerSpec).config,
})
const out = (name: OptimizerSpec['name'], config: Record<string, unknown>) => ({
  optimizer: { kind: 'optimizer', name, config: { ...config } } satisfies OptimizerSpec,
})

export const sgdNode = defineNode({
  type: 'optimizer.sgd',
  version: 1,
  category: 'optimizer',
  title: 'SGD',
  description: 'Stochastic gradient descent, optionally with momentum (and Nesterov look-ahead).',
  inputs: {},
  outputs: { optimizer: port.optimizer() },
  params: () => ({
    learningRate: learningRate(0.01),
    momentum: p.number({ default: 0, min: 0, max: 0.999, title: 'Momentum' }),
    nesterov: p.bool({ default: false, title: 'Nesterov momentum' }),
  }),
  check: (params) => (params.nesterov && params.momentum === 0 ? ['Nesterov momentum needs a momentum above 0.'] : []),
  run: (_i, config) => out('sgd', config),
  summarize,
})

export const adamNode = defineNode({
  type: 'optimizer.adam',
  version: 1,
  category: 'optimizer',
  title: 'Adam',
  description: 'Adaptive moment estimation: per-weight step sizes from running averages of the gradient and its square.',
  inputs: {},
  outputs: { optimizer: port.optimizer() },
  params: () => ({
    learningRate: learningRate(0.001),
    beta1: p.number({ default: 0.9, min: 0, max: 0.9999, title: 'Beta 1', advanced: true }),
    beta2: p.number({ default: 0.999, min: 0, max: 0.99999, title: 'Beta 2', advanced: true }),
    epsilon: epsilon(),
  }),
  run: (_i, config) => out('adam', config),
  summarize,
})

export const rmspropNode = defineNode({
  type: 'optimizer.rmsprop',
  version: 1,
  category: 'optimizer',
  title: 'RMSprop',
  description: 'Divides each step by a running average of recent gradient magnitudes.',
  inputs: {},
  outputs: { optimizer: port.optimizer() },
  params: () => ({
    learningRate: learningRate(0.001),
    rho: p.number({ default: 0.9, min: 0, max: 0.9999, title: 'Decay (rho)', advanced: true }),
    momentum: p.number({ default: 0, min: 0, max: 0.999, title: 'Momentum', advanced: true }),
    epsilon: epsilon(),
  }),
  run: (_i, config) => out('rmsprop', config),
  summarize,
})

export const adagradNode = defineNode({
  type: 'optimizer.adagrad',
  version: 1,
  category: 'optimizer',
  title: 'Adagrad',
  description: 'Per-weight step sizes that shrink with the sum of past squared gradients.',
  inputs: {},
  outputs: { optimizer: port.optimizer() },
  params: () => ({
    learningRate: learningRate(0.01),
    initialAccumulator: p.number({ default: 0.1, gt: 0, max: 10, title: 'Initial accumulator', advanced: true }),
  }),
  run: (_i, config) => out('adagrad', config),
  summarize,
})
