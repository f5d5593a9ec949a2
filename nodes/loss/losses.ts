import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import type { LossSpec } from '../../runtime/values/ml'

/** Loss nodes: each outputs a `loss` value for a Train node's optional loss input. */

function lossNode<P extends Record<string, ReturnType<typeof p.number>>>(
  name: LossSpec['name'],
  title: string,
  description: string,
  params: P,
) {
  return defineNode({
    type: `loss.${name}`,
    version: 1,
    category: 'loss',
    title,
    description,
    inputs: {},
    outputs: { loss: port.loss() },
    params,
    run: (_i, config) => ({ loss: { kind: 'loss', name, config: { ...config } } satisfies LossSpec }),
    summarize: (outputs) => ({ loss: (outputs.loss as LossSpec).name, ...(outputs.loss as LossSpec).config }),
  })
}

export const mseLossNode = lossNode('mse', 'Mean squared error', 'Average squared difference between prediction and target (regression; on probabilities for a classifier).', {})
export const maeLossNode = lossNode('mae', 'Mean absolute error', 'Average absolute difference; less sensitive to outliers than MSE.', {})
export const huberLossNode = lossNode(
  'huber',
  'Huber loss',
  'Squared error for errors up to delta, linear beyond it: robust to outliers, smooth near zero.',
  { delta: p.number({ default: 1, gt: 0, max: 1e6, title: 'Delta' }) },
)
export const binaryCrossentropyNode = lossNode(
  'binary-crossentropy',
  'Binary cross-entropy',
  'Log loss of the predicted probability of the positive class; for targets with exactly two classes.',
  {},
)
export const categoricalCrossentropyNode = lossNode(
  'categorical-crossentropy',
  'Categorical cross-entropy',
  'Log loss of the softmax probability of the true class; for two or more classes.',
  {},
)
export const hingeLossNode = lossNode(
  'hinge',
  'Hinge loss',
  'Margin loss of support-vector machines: max(0, 1 − margin) (Crammer–Singer for more than two classes). Gives scores, not probabilities.',
  {},
)
