import { BUFFER_BYTES, inputBuffer, startHashWasm, type HashWasm } from './hash-wasm-module'
import { XXH64_WASM } from './xxh64-wasm'

// Decoded at import: the CLI's start-up snapshot holds the bytes (xxh128.ts does the same).
const WASM_BYTES = Uint8Array.from(atob(XXH64_WASM), (c) => c.charCodeAt(0))

/**
 * XXH64 with seed 0, hex: what hash-wasm's `createXXHash64()` hasher gives, from the same wasm called
 * directly (the checksums of cache entries). hash-wasm's wrapper compiled and ran ≈ 30 functions of its
 * own on the first checksum of every process, ≈ 1 ms of a CLI run served from its cache.
 */
export class Xxh64 {
  private mem: Uint8Array

  private constructor(private readonly wasm: HashWasm) {
    this.mem = inputBuffer(wasm)
  }

  /** Compiles and starts the wasm; rejects where WebAssembly is missing or forbidden (a CSP). */
  static async create(): Promise<Xxh64> {
    return new Xxh64(await startHashWasm(WASM_BYTES))
  }

  /** The hex hash of the bytes of `parts`, one after the other. */
  hex(parts: readonly Uint8Array[]): string {
    // A view again after the wasm memory grew (which detaches the old one).
    if (!this.mem.byteLength) this.mem = inputBuffer(this.wasm)
    const mem = this.mem
    mem.fill(0, 0, 8) // the seed, read by Hash_Init
    this.wasm.Hash_Init()
    for (const part of parts) {
      for (let from = 0; from < part.length; from += BUFFER_BYTES) {
        const chunk = part.subarray(from, from + BUFFER_BYTES)
        mem.set(chunk)
        this.wasm.Hash_Update(chunk.length)
      }
    }
    this.wasm.Hash_Final()
    let hex = ''
    for (let k = 0; k < 8; k++) hex += mem[k].toString(16).padStart(2, '0')
    return hex
  }
}
