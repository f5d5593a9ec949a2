import * as tf from '@tensorflow/tfjs-core'

/** A tfjs optimizer's state as plain data: its step count and slot variables (Adam's moments, momentum's velocity). */
export interface OptimizerState {
  iterations: number
  shapes: number[][]
  slots: Float32Array[]
  /** Adam's running powers β₁ᵗ and β₂ᵗ as the optimizer holds them (float32). */
  powers?: [number, number]
}

/** Adam keeps βᵗ in two private scalar variables; tfjs' setWeights recomputes them with pow(), which can differ in the last bit. */
interface AdamPowers {
  accBeta1?: tf.Variable
  accBeta2?: tf.Variable
}

/** Reads an optimizer's state (no tensor is left behind). */
export async function saveOptimizer(optimizer: tf.Optimizer): Promise<OptimizerState> {
  const [iter, ...weights] = await optimizer.getWeights()
  const iterations = (await iter.tensor.data())[0]
  iter.tensor.dispose()
  const { accBeta1, accBeta2 } = optimizer as unknown as AdamPowers
  return {
    iterations,
    shapes: weights.map((w) => w.tensor.shape.slice()),
    slots: await Promise.all(weights.map(async (w) => Float32Array.from((await w.tensor.data()) as Float32Array))),
    ...(accBeta1 && accBeta2 ? { powers: [(await accBeta1.data())[0], (await accBeta2.data())[0]] as [number, number] } : {}),
  }
}

/** Puts a saved state into a fresh optimizer of the same kind, exactly (the next step equals the uninterrupted one bit for bit). */
export async function restoreOptimizer(optimizer: tf.Optimizer, state: OptimizerState): Promise<void> {
  const tensors = [tf.scalar(state.iterations, 'int32'), ...state.slots.map((s, i) => tf.tensor(s, state.shapes[i]))]
  try {
    await optimizer.setWeights(tensors.map((tensor, i) => ({ name: i === 0 ? 'iter' : `slot${i}`, tensor })))
  } finally {
    tf.dispose(tensors)
  }
  const { accBeta1, accBeta2 } = optimizer as unknown as AdamPowers
  if (accBeta1 && accBeta2 && state.powers) {
    tf.tidy(() => {
      accBeta1.assign(tf.scalar(state.powers![0]))
      accBeta2.assign(tf.scalar(state.powers![1]))
    })
  }
}

/** Checks a saved optimizer state read from an untrusted place (a cache file) before it is used. */
export function isOptimizerState(v: unknown): v is OptimizerState {
  const s = v as OptimizerState
  return (
    !!s &&
    typeof s === 'object' &&
    Number.isInteger(s.iterations) &&
    Array.isArray(s.shapes) &&
    Array.isArray(s.slots) &&
    s.slots.length === s.shapes.length &&
    s.slots.every((x, i) => x instanceof Float32Array && Array.isArray(s.shapes[i]) && x.length === s.shapes[i].reduce((a: number, b: number) => a * b, 1))
  )
}
