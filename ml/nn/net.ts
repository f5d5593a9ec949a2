import * as tf from '@tensorflow/tfjs-core'

/**
 * A network as plain data: the layer list plus its weights as typed arrays. Written directly
 * on tfjs-core ops (not tfjs-layers) so that weights live in our own variables, dropout takes
 * a fresh seed per batch (a tfjs-layers Dropout layer reuses one seed, giving the same mask
 * on every batch), and a trained model is plain data for the cache with nothing to rebuild.
 */
export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'elu' | 'linear'

export type LayerDef =
  | { kind: 'dense'; units: number; activation: Activation }
  | { kind: 'dropout'; rate: number }
  | { kind: 'reshape'; shape: number[] }
  | { kind: 'conv2d'; filters: number; kernel: [number, number]; activation: Activation }
  | { kind: 'maxpool'; size: [number, number] }
  | { kind: 'flatten' }

export interface NetDef {
  inputDim: number
  layers: LayerDef[]
}

/** Weights in layer order (kernel then bias for each dense/conv layer). */
export interface NetWeights {
  shapes: number[][]
  values: Float32Array[]
}

/** Shape (without the batch axis) after each layer; throws a plain message on an impossible stack. */
function walkShapes(net: NetDef): number[][] {
  let shape = [net.inputDim]
  const out: number[][] = []
  for (const l of net.layers) {
    if (l.kind === 'dense') {
      if (shape.length !== 1) throw new Error('A dense layer needs a flat input; add a flatten layer first.')
      shape = [l.units]
    } else if (l.kind === 'reshape') {
      const size = l.shape.reduce((a, b) => a * b, 1)
      if (size !== shape.reduce((a, b) => a * b, 1)) {
        throw new Error(`Input shape ${l.shape.join('x')} needs ${size} features; the table has ${shape[0]}.`)
      }
      shape = l.shape
    } else if (l.kind === 'conv2d') {
      const [h, w] = shape
      const [kh, kw] = l.kernel
      if (shape.length !== 3 || h < kh || w < kw) {
        throw new Error(`A ${kh}x${kw} convolution does not fit a ${shape.join('x')} input; use a smaller kernel.`)
      }
      shape = [h - kh + 1, w - kw + 1, l.filters]
    } else if (l.kind === 'maxpool') {
      shape = [Math.floor(shape[0] / l.size[0]), Math.floor(shape[1] / l.size[1]), shape[2]]
      if (shape[0] < 1 || shape[1] < 1) throw new Error(`Pooling by ${l.size.join('x')} shrinks the image to nothing; use a smaller pool.`)
    } else if (l.kind === 'flatten') {
      shape = [shape.reduce((a, b) => a * b, 1)]
    }
    out.push(shape)
  }
  return out
}

/** Glorot-uniform kernels and zero biases (Keras' defaults), drawn from a seeded RNG. */
export function initWeights(net: NetDef, random: () => number): NetWeights {
  const shapes: number[][] = []
  const values: Float32Array[] = []
  const after = walkShapes(net)
  let prev = [net.inputDim]
  net.layers.forEach((l, i) => {
    if (l.kind === 'dense' || l.kind === 'conv2d') {
      const kernel = l.kind === 'dense' ? [prev[0], l.units] : [...l.kernel, prev[2], l.filters]
      const receptive = l.kind === 'dense' ? 1 : l.kernel[0] * l.kernel[1]
      const fanIn = kernel[kernel.length - 2] * receptive
      const fanOut = kernel[kernel.length - 1] * receptive
      const limit = Math.sqrt(6 / (fanIn + fanOut))
      const size = kernel.reduce((a, b) => a * b, 1)
      shapes.push(kernel, [kernel[kernel.length - 1]])
      values.push(Float32Array.from({ length: size }, () => (2 * random() - 1) * limit))
      values.push(new Float32Array(kernel[kernel.length - 1]))
    }
    prev = after[i]
  })
  return { shapes, values }
}

function activate(x: tf.Tensor, a: Activation): tf.Tensor {
  if (a === 'relu') return tf.relu(x)
  if (a === 'tanh') return tf.tanh(x)
  if (a === 'sigmoid') return tf.sigmoid(x)
  if (a === 'elu') return tf.elu(x)
  return x
}

/**
 * Raw network outputs (logits or values) for a [rows, inputDim] batch. Dropout is active
 * only when `dropoutSeed` is given (training).
 */
export function forward(net: NetDef, params: tf.Tensor[], x: tf.Tensor, dropoutSeed?: number): tf.Tensor {
  let h: tf.Tensor = x
  let w = 0
  net.layers.forEach((l, i) => {
    if (l.kind === 'dense') {
      h = activate(tf.add(tf.matMul(h as tf.Tensor2D, params[w] as tf.Tensor2D), params[w + 1]), l.activation)
      w += 2
    } else if (l.kind === 'conv2d') {
      h = activate(tf.add(conv2dViaConv3d(h as tf.Tensor4D, params[w] as tf.Tensor4D), params[w + 1]), l.activation)
      w += 2
    } else if (l.kind === 'dropout') {
      if (dropoutSeed !== undefined && l.rate > 0) h = tf.dropout(h, l.rate, undefined, dropoutSeed + i)
    } else if (l.kind === 'reshape') {
      h = tf.reshape(h, [-1, ...l.shape])
    } else if (l.kind === 'maxpool') {
      h = tf.maxPool(h as tf.Tensor4D, l.size, l.size, 'valid')
    } else {
      h = tf.reshape(h, [h.shape[0], -1])
    }
  })
  return h
}

/**
 * A 'valid' stride-1 2-D convolution computed as a 3-D one of depth 1: the wasm backend has no
 * Conv2DBackpropFilter kernel (training a conv2d fails there) but has Conv3D's filter gradient.
 */
function conv2dViaConv3d(x: tf.Tensor4D, kernel: tf.Tensor4D): tf.Tensor4D {
  const [n, h, w, c] = x.shape
  const [kh, kw, , f] = kernel.shape
  const y = tf.conv3d(tf.reshape(x, [n, 1, h, w, c]) as tf.Tensor5D, tf.reshape(kernel, [1, kh, kw, c, f]) as tf.Tensor5D, [1, 1, 1], 'valid')
  return tf.reshape(y, [n, h - kh + 1, w - kw + 1, f])
}

/** Indices of the kernel weights (the ones an L2 penalty applies to). */
export function kernelIndices(weights: NetWeights): number[] {
  return weights.shapes.map((_, i) => i).filter((i) => i % 2 === 0)
}

/** Checks the layer stack once up front so a bad config fails before training starts. */
export function validateNet(net: NetDef): void {
  walkShapes(net)
}
