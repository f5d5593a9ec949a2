import { BUFFER_BYTES, inputBuffer, startHashWasm, type HashWasm } from './hash-wasm-module'
import { XXH128_WASM } from './xxh128-wasm'

const HEX = new Uint8Array([48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102])
const encoder = new TextEncoder()
// Decoded once at import, not in create(): the CLI's start-up snapshot holds the bytes, and a snapshot start
// calls create() again (restartKeyHasher) where Node's atob, written in JavaScript, took ≈ 1-2 ms for them.
const WASM_BYTES = Uint8Array.from(atob(XXH128_WASM), (c) => c.charCodeAt(0))

/**
 * XXH3-128 with seed 0, hex: what hash-wasm's `createXXHash128()` hasher gives, from the same wasm
 * called directly. Its JS wrapper costs ≈ 1 µs and ≈ 560 bytes of garbage per hash (typed-array views
 * per update, an argument list to build the hex string): a third of the time and most of the
 * allocation of keying a 10 000-node graph. Here a hash allocates only its 32-character result.
 */
export class Xxh128 {
  private mem: Uint8Array
  private scratch = new Uint8Array(256)

  private constructor(private readonly wasm: HashWasm) {
    this.mem = inputBuffer(wasm)
  }

  /** Compiles and starts the wasm; rejects where WebAssembly is missing or forbidden (a CSP). */
  static async create(): Promise<Xxh128> {
    return new Xxh128(await startHashWasm(WASM_BYTES))
  }

  /** Hashes `bytes` and writes the 32 hex digits to `out[at ..]`. */
  hexInto(bytes: Uint8Array, out: Uint8Array, at: number): void {
    const mem = this.mem.byteLength ? this.mem : this.remap()
    mem.fill(0, 0, 8) // the seed, read by Hash_Init
    this.wasm.Hash_Init()
    if (bytes.length <= BUFFER_BYTES) {
      mem.set(bytes)
      this.wasm.Hash_Update(bytes.length)
    } else {
      for (let from = 0; from < bytes.length; from += BUFFER_BYTES) {
        const chunk = bytes.subarray(from, from + BUFFER_BYTES)
        mem.set(chunk)
        this.wasm.Hash_Update(chunk.length)
      }
    }
    this.wasm.Hash_Final()
    for (let k = 0; k < 16; k++) {
      const b = mem[k]
      out[at + 2 * k] = HEX[b >>> 4]
      out[at + 2 * k + 1] = HEX[b & 15]
    }
  }

  /** The hex hash of `bytes` (which may lie in the scratch buffer from byte 32 on). */
  hex(bytes: Uint8Array): string {
    this.hexInto(bytes, this.scratch, 0)
    return hexText(this.scratch, 0)
  }

  /** The hex hash of a string's UTF-8 bytes. */
  hexOfText(text: string): string {
    if (this.scratch.length < 3 * text.length + 32) this.scratch = new Uint8Array(3 * text.length + 32)
    const { written } = encoder.encodeInto(text, this.scratch.subarray(32))
    return this.hex(this.scratch.subarray(32, 32 + written))
  }

  /** A view of the buffer again after the wasm memory grew (which detaches the old one). */
  private remap(): Uint8Array {
    this.mem = inputBuffer(this.wasm)
    return this.mem
  }
}

const f = String.fromCharCode
/**
 * The 32 characters `d[a .. a + 32)` as a string. One call with 32 arguments builds the string
 * directly; `apply` on an array or a TextDecoder allocate an argument list or a view per key.
 */
// prettier-ignore
export const hexText = (d: Uint8Array, a: number): string => f(
  d[a], d[a + 1], d[a + 2], d[a + 3], d[a + 4], d[a + 5], d[a + 6], d[a + 7], d[a + 8], d[a + 9], d[a + 10], d[a + 11], d[a + 12], d[a + 13], d[a + 14], d[a + 15],
  d[a + 16], d[a + 17], d[a + 18], d[a + 19], d[a + 20], d[a + 21], d[a + 22], d[a + 23], d[a + 24], d[a + 25], d[a + 26], d[a + 27], d[a + 28], d[a + 29], d[a + 30], d[a + 31],
)
