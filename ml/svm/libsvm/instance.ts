import createLibsvm from './glue'
import { LIBSVM_WASM_BASE64 } from './wasm-base64'

/** The C entry points of libsvm-js's wasm build that fitting needs. */
export interface Libsvm {
  createProblem(rows: number, cols: number): number
  /** Copies rows × cols doubles (row-major) and their labels into the problem, in one write to the heap. */
  addRows(problem: number, X: Float64Array, rows: number, cols: number, y: Float64Array): void
  train(problem: number, command: string): number
  svIndices(model: number): Int32Array
  serialize(model: number): string
  /** The fitted numbers at full precision, read from the model struct (the text form rounds rho to 6 digits). */
  read(model: number): FittedNumbers
  freeModel(model: number): void
  freeProblem(problem: number): void
}

export interface FittedNumbers {
  groups: number
  total: number
  /** (groups − 1) × total. */
  coef: Float64Array
  rho: Float64Array
  labels: Int32Array
  nSV: Int32Array
  probA?: Float64Array
  probB?: Float64Array
}

interface EmscriptenModule {
  cwrap(name: string, ret: string | null, args: string[]): (...a: unknown[]) => number
  _malloc(bytes: number): number
  _free(ptr: number): void
  HEAP32: Int32Array
  HEAPF64: Float64Array
  Pointer_stringify(ptr: number): string
}

let compiled: Promise<WebAssembly.Module> | undefined

function bytesOf(base64: string): Uint8Array {
  const text = atob(base64)
  const out = new Uint8Array(text.length)
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i)
  return out
}

/**
 * A fresh libsvm instance per fit: libsvm's probability cross-validation draws from C's rand(),
 * whose state would otherwise carry over between fits and make a fit depend on the ones before it.
 * The wasm module is compiled once; instantiating it again costs well under a millisecond.
 */
export async function newLibsvm(): Promise<Libsvm> {
  compiled ??= WebAssembly.compile(bytesOf(LIBSVM_WASM_BASE64) as Uint8Array<ArrayBuffer>)
  const wasm = await compiled
  const m = await new Promise<EmscriptenModule>((resolve, reject) => {
    const mod = createLibsvm({
      // Not 'NODE': emscripten's Node branch installs process-wide exit and exception handlers.
      ENVIRONMENT: 'WORKER',
      print: () => {},
      printErr: () => {},
      onAbort: (what: unknown) => reject(new Error(`libsvm aborted: ${String(what)}`)),
      instantiateWasm(imports: WebAssembly.Imports, done: (i: WebAssembly.Instance) => void) {
        WebAssembly.instantiate(wasm, imports).then(done, reject)
        return {}
      },
      // The module object has a `then` of its own: resolving a promise with it would never settle,
      // so a plain view of it is resolved (getters: the heap views are replaced when memory grows).
      onRuntimeInitialized: () => resolve(boxed(mod)),
    })
  })
  return wrap(m)
}

let shared: Promise<Libsvm> | undefined

/**
 * One instance for fits that never call rand() (no probability cross-validation): instantiating,
 * and growing a fresh instance's memory to the problem's size, cost as much as training a small
 * problem. Fits run synchronously once started, so they never interleave on it.
 */
export function sharedLibsvm(): Promise<Libsvm> {
  shared ??= newLibsvm()
  return shared
}

function boxed(mod: EmscriptenModule): EmscriptenModule {
  return {
    cwrap: mod.cwrap,
    _malloc: mod._malloc,
    _free: mod._free,
    get HEAP32() {
      return mod.HEAP32
    },
    get HEAPF64() {
      return mod.HEAPF64
    },
    Pointer_stringify: mod.Pointer_stringify,
  } as EmscriptenModule
}

function wrap(m: EmscriptenModule): Libsvm {
  const nrSv = m.cwrap('svm_get_nr_sv', 'number', ['number'])
  const getSvIndices = m.cwrap('svm_get_sv_indices', null, ['number', 'number'])
  const serialize = m.cwrap('serialize_model', 'number', ['number'])
  // All-number arguments: cwrap hands back the raw export, no per-call copy onto the stack.
  const addInstance = m.cwrap('add_instance', null, ['number', 'number', 'number', 'number', 'number'])
  return {
    createProblem: m.cwrap('create_svm_nodes', 'number', ['number', 'number']),
    addRows(problem, X, rows, cols, y) {
      const bytes = rows * cols * 8
      const ptr = m._malloc(bytes)
      m.HEAPF64.set(X.subarray(0, rows * cols), ptr >> 3)
      for (let i = 0; i < rows; i++) addInstance(problem, ptr + i * cols * 8, cols, y[i], i)
      m._free(ptr)
    },
    train: m.cwrap('libsvm_train_problem', 'number', ['number', 'string']),
    freeModel: m.cwrap('svm_free_model', null, ['number']),
    freeProblem: m.cwrap('free_problem', null, ['number']),
    svIndices(model) {
      const n = nrSv(model)
      const ptr = m._malloc(n * 4)
      getSvIndices(model, ptr)
      const out = Int32Array.from(m.HEAP32.subarray(ptr / 4, ptr / 4 + n), (i) => i - 1)
      m._free(ptr)
      return out
    },
    read: (model) => readModel(m, model),
    serialize(model) {
      const ptr = serialize(model)
      const text = m.Pointer_stringify(ptr)
      m._free(ptr)
      return text
    },
  }
}

/**
 * Byte offsets of struct svm_model's fields after struct svm_parameter (96 bytes on wasm32) in
 * libsvm 3.2x as libsvm-js compiles it: nr_class, l, SV, sv_coef, rho, probA, probB, sv_indices,
 * label, nSV. fitSvm checks the numbers read here against the model text.
 */
const MODEL = { nrClass: 96, l: 100, svCoef: 108, rho: 112, probA: 116, probB: 120, label: 128, nSV: 132 }

function readModel(m: EmscriptenModule, model: number): FittedNumbers {
  const i32 = (addr: number) => m.HEAP32[addr >> 2]
  const f64s = (ptr: number, n: number) => Float64Array.from(m.HEAPF64.subarray(ptr >> 3, (ptr >> 3) + n))
  const groups = i32(model + MODEL.nrClass)
  const total = i32(model + MODEL.l)
  const pairs = (groups * (groups - 1)) / 2
  const coef = new Float64Array((groups - 1) * total)
  const rows = i32(model + MODEL.svCoef)
  for (let r = 0; r < groups - 1; r++) coef.set(f64s(i32(rows + 4 * r), total), r * total)
  const ints = (ptr: number, n: number) => (ptr ? Int32Array.from(m.HEAP32.subarray(ptr >> 2, (ptr >> 2) + n)) : new Int32Array(0))
  const probA = i32(model + MODEL.probA)
  const probB = i32(model + MODEL.probB)
  return {
    groups,
    total,
    coef,
    rho: f64s(i32(model + MODEL.rho), pairs),
    labels: ints(i32(model + MODEL.label), groups),
    nSV: ints(i32(model + MODEL.nSV), groups),
    ...(probA && probB ? { probA: f64s(probA, pairs), probB: f64s(probB, pairs) } : {}),
  }
}
