import * as tf from '@tensorflow/tfjs-core'
import type { LossSpec } from '../../runtime/values/ml'

/** What the network's last layer predicts; it fixes the output units and how targets are encoded. */
export type Head = { kind: 'binary' } | { kind: 'multiclass'; classes: number } | { kind: 'regression' }

/** The wired losses plus SVR's epsilon-insensitive loss, which only the SVR spec asks for. */
export type LossName = LossSpec['name'] | 'epsilon-insensitive'
/** The epsilon-insensitive loss's tube width when its config sets none. */
export const EPSILON_DEFAULT = 0.1

export interface LossChoice {
  name: LossName
  config: Record<string, unknown>
}

export function outputUnits(head: Head): number {
  return head.kind === 'multiclass' ? head.classes : 1
}

/** Targets as the loss reads them: 0/1 column (binary), one-hot rows (multiclass), value column (regression). */
export function encodeTargets(head: Head, y: Float64Array): tf.Tensor2D {
  if (head.kind === 'multiclass') {
    return tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(Int32Array.from(y), 'int32'), head.classes), 'float32') as tf.Tensor2D)
  }
  return tf.tensor2d(Float32Array.from(y), [y.length, 1])
}

/** Probabilities (classifiers) or values (regression) from raw network outputs. */
export function activateHead(head: Head, out: tf.Tensor): tf.Tensor {
  if (head.kind === 'binary') return tf.sigmoid(out)
  if (head.kind === 'multiclass') return tf.softmax(out)
  return out
}

const LABEL: Record<LossName, string> = {
  mse: 'Mean squared error',
  mae: 'Mean absolute error',
  huber: 'Huber loss',
  'binary-crossentropy': 'Binary cross-entropy',
  'categorical-crossentropy': 'Categorical cross-entropy',
  hinge: 'Hinge loss',
  'epsilon-insensitive': 'Epsilon-insensitive loss',
}

/** Throws a plain message when a loss cannot train this head (e.g. cross-entropy on a regression). */
export function checkLoss(loss: LossChoice, head: Head): void {
  const classifying = head.kind !== 'regression'
  const classOnly = ['binary-crossentropy', 'categorical-crossentropy', 'hinge']
  if (!classifying && classOnly.includes(loss.name)) {
    throw new Error(
      `${LABEL[loss.name]} is for classification but the model trains for regression (its Task, or Task = auto with a numeric target that has ` +
        'fractions or more than 20 values). To classify, set Task = classification on the model node or make the target categorical; ' +
        'to predict numbers, use MSE, MAE or Huber.',
    )
  }
  if (classifying && loss.name === 'epsilon-insensitive') {
    throw new Error('Epsilon-insensitive loss is for regression; use cross-entropy or hinge for classes.')
  }
  if (loss.name === 'binary-crossentropy' && head.kind === 'multiclass') {
    throw new Error(
      `Binary cross-entropy needs a target with two classes; this one has ${head.classes}. Use categorical cross-entropy.`,
    )
  }
}

/**
 * Mean loss of raw outputs `out` against encoded targets `y`. Cross-entropies work on logits
 * (numerically stable); MSE/MAE/Huber on a classifier compare probabilities with the one-hot target.
 */
export function lossValue(loss: LossChoice, head: Head, out: tf.Tensor, y: tf.Tensor): tf.Scalar {
  const num = (k: string, d: number) => (typeof loss.config[k] === 'number' ? (loss.config[k] as number) : d)
  switch (loss.name) {
    case 'binary-crossentropy':
    case 'categorical-crossentropy':
      return head.kind === 'binary' ? tf.losses.sigmoidCrossEntropy(y, out) : tf.losses.softmaxCrossEntropy(y, out)
    case 'hinge':
      return hinge(head, out, y)
    case 'epsilon-insensitive':
      return tf.mean(tf.relu(tf.sub(tf.abs(tf.sub(y, out)), num('epsilon', EPSILON_DEFAULT))))
  }
  const pred = activateHead(head, out)
  if (loss.name === 'mae') return tf.mean(tf.abs(tf.sub(y, pred)))
  if (loss.name === 'huber') return tf.losses.huberLoss(y, pred, undefined, num('delta', 1))
  return tf.mean(tf.square(tf.sub(y, pred)))
}

/** Binary: mean max(0, 1 − t·s) with t = ±1. Multiclass: Crammer–Singer, mean max(0, 1 + max_{j≠y} s_j − s_y). */
function hinge(head: Head, out: tf.Tensor, y: tf.Tensor): tf.Scalar {
  if (head.kind === 'binary') return tf.mean(tf.relu(tf.sub(1, tf.mul(tf.sub(tf.mul(y, 2), 1), out))))
  const correct = tf.sum(tf.mul(y, out), 1)
  const others = tf.max(tf.sub(out, tf.mul(y, 1e9)), 1)
  return tf.mean(tf.relu(tf.add(tf.sub(others, correct), 1)))
}
