import type { Stepwise } from '../../stepwise'
import { LIBSVM_WASM_BASE64 } from './libsvm-wasm'

/** What svm_fit takes besides the rows: libsvm's svm_parameter, as numbers. */
export interface TrainParams {
  /** libsvm's svm_type: 0 C-SVC, 3 epsilon-SVR. */
  svmType: number
  /** libsvm's kernel_type: 0 linear, 1 poly, 2 rbf, 3 sigmoid. */
  kernelType: number
  degree: number
  gamma: number
  coef0: number
  C: number
  tol: number
  epsilon: number
  shrinking: boolean
  probability: boolean
  cacheMb: number
  /** Seeds rand(), which only the probability folds draw from. */
  seed: number
}

/** The fitted numbers, read from libsvm's svm_model. */
export interface FittedNumbers {
  groups: number
  /** (groups − 1) × nSV dual coefficients. */
  coef: Float64Array
  rho: Float64Array
  labels: Int32Array
  nSV: Int32Array
  /** 0-based training row of each support vector. */
  svIndices: Int32Array
  probA?: Float64Array
  probB?: Float64Array
}

interface Exports {
  memory: { readonly buffer: ArrayBuffer }
  svm_alloc(bytes: number): number
  svm_dealloc(ptr: number): void
  svm_error(): number
  svm_fit(...a: number[]): number
  model_nr_class(m: number): number
  model_l(m: number): number
  model_sv_coef(m: number, k: number): number
  model_rho(m: number): number
  model_prob_a(m: number): number
  model_prob_b(m: number): number
  model_label(m: number): number
  model_nsv(m: number): number
  model_sv_indices(m: number): number
  model_free(m: number): void
  asyncify_start_unwind(data: number): void
  asyncify_stop_unwind(): void
  asyncify_start_rewind(data: number): void
  asyncify_stop_rewind(): void
}

/** Room for the solver's wasm locals while it is paused (a handful of frames). */
const PAUSE_BYTES = 64 * 1024

let compiled: Promise<WebAssembly.Module> | undefined

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64)
  const out = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i)
  return out
}

/**
 * One instance of the libsvm module (ml/svm/libsvm/build-libsvm.mjs). A fit runs as a stepwise
 * solver: libsvm calls svm_yield every few iterations (svm.h); once `sliceMs` of work has passed, it
 * unwinds the wasm stack into a buffer (asyncify) and the fit yields; the next step rewinds it and
 * libsvm goes on where it stopped, its state untouched in this instance's memory.
 */
class LibsvmInstance {
  private ex!: Exports
  private pauseData = 0
  private sliceMs = Infinity
  private sliceStart = 0
  private paused = false
  private rewinding = false
  /** False while a fit is under way: a fit abandoned midway leaves this instance unusable. */
  idle = true

  async init(): Promise<this> {
    compiled ??= WebAssembly.compile(bytesOf(LIBSVM_WASM_BASE64))
    const instance = await WebAssembly.instantiate(await compiled, { env: { svm_yield: () => this.onYield() } })
    this.ex = instance.exports as unknown as Exports
    this.pauseData = this.ex.svm_alloc(PAUSE_BYTES)
    return this
  }

  private onYield(): void {
    if (this.rewinding) {
      this.ex.asyncify_stop_rewind()
      this.rewinding = false
      return
    }
    if (performance.now() - this.sliceStart < this.sliceMs) return
    // asyncify's buffer header: where to write next, where the buffer ends.
    const head = new Int32Array(this.ex.memory.buffer, this.pauseData, 2)
    head[0] = this.pauseData + 8
    head[1] = this.pauseData + PAUSE_BYTES
    this.ex.asyncify_start_unwind(this.pauseData)
    this.paused = true
  }

  /** Trains on rows × cols (row-major) with targets y, yielding every `sliceMs` of work. */
  *train(X: Float64Array, y: Float64Array, rows: number, cols: number, p: TrainParams, sliceMs: number): Stepwise<FittedNumbers> {
    this.idle = false
    const ex = this.ex
    const xPtr = ex.svm_alloc(rows * cols * 8)
    const yPtr = ex.svm_alloc(rows * 8)
    new Float64Array(ex.memory.buffer, xPtr, rows * cols).set(X.subarray(0, rows * cols))
    new Float64Array(ex.memory.buffer, yPtr, rows).set(y.subarray(0, rows))
    const fit = () =>
      ex.svm_fit(xPtr, yPtr, rows, cols, p.svmType, p.kernelType, p.degree, p.gamma, p.coef0, p.C, p.tol, p.epsilon, Number(p.shrinking), Number(p.probability), p.cacheMb, p.seed)
    this.sliceMs = sliceMs
    this.sliceStart = performance.now()
    let model = fit()
    while (this.paused) {
      ex.asyncify_stop_unwind()
      this.paused = false
      yield
      this.sliceStart = performance.now()
      ex.asyncify_start_rewind(this.pauseData)
      this.rewinding = true
      model = fit()
    }
    if (!model) {
      const message = this.text(ex.svm_error())
      ex.svm_dealloc(xPtr)
      ex.svm_dealloc(yPtr)
      this.idle = true
      throw new Error(`libsvm refused the parameters: ${message}.`)
    }
    const fitted = this.read(model)
    ex.model_free(model)
    ex.svm_dealloc(xPtr)
    ex.svm_dealloc(yPtr)
    this.idle = true
    return fitted
  }

  memoryBytes(): number {
    return this.ex.memory.buffer.byteLength
  }

  private text(ptr: number): string {
    const bytes = new Uint8Array(this.ex.memory.buffer, ptr)
    return new TextDecoder().decode(bytes.subarray(0, bytes.indexOf(0)))
  }

  private read(model: number): FittedNumbers {
    const ex = this.ex
    const f64s = (ptr: number, n: number) => Float64Array.from(new Float64Array(ex.memory.buffer, ptr, n))
    const i32s = (ptr: number, n: number) => (ptr ? Int32Array.from(new Int32Array(ex.memory.buffer, ptr, n)) : new Int32Array(0))
    const groups = ex.model_nr_class(model)
    const total = ex.model_l(model)
    const pairs = (groups * (groups - 1)) / 2
    const coef = new Float64Array((groups - 1) * total)
    for (let k = 0; k < groups - 1; k++) coef.set(f64s(ex.model_sv_coef(model, k), total), k * total)
    const probA = ex.model_prob_a(model)
    const probB = ex.model_prob_b(model)
    return {
      groups,
      coef,
      rho: f64s(ex.model_rho(model), pairs),
      labels: i32s(ex.model_label(model), groups),
      nSV: i32s(ex.model_nsv(model), groups),
      svIndices: i32s(ex.model_sv_indices(model), total).map((i) => i - 1),
      ...(probA && probB ? { probA: f64s(probA, pairs), probB: f64s(probB, pairs) } : {}),
    }
  }
}

/**
 * Idle instances, at most one: a fit that yields can interleave with another fit in the same
 * thread, so each fit takes an instance of its own. One is kept because instantiating, and growing
 * a fresh memory to the problem's size, cost as much as training a small problem; more are not,
 * and not one whose memory grew past KEEP_BYTES: a memory never shrinks, and a large fit's kernel
 * cache takes up to 200 MB.
 */
const idle: LibsvmInstance[] = []
const KEEP_BYTES = 64 * 1024 * 1024

/** Runs `use` on an idle instance (or a new one); one left midway (an aborted fit) is dropped. */
export async function withLibsvm<T>(use: (svm: LibsvmInstance) => Promise<T>): Promise<T> {
  const svm = idle.pop() ?? (await new LibsvmInstance().init())
  try {
    return await use(svm)
  } finally {
    if (svm.idle && svm.memoryBytes() <= KEEP_BYTES && idle.length === 0) idle.push(svm)
  }
}
