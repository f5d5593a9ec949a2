/** What a hasher of hash-wasm's WebAssembly builds exports (its C source's API). */
export interface HashWasm {
  memory: { readonly buffer: ArrayBuffer }
  Hash_GetBuffer(): number
  Hash_Init(): void
  Hash_Update(length: number): void
  Hash_Final(): void
}

/** The wasm's input buffer (MAIN_BUFFER_SIZE in hash-wasm's C source). */
export const BUFFER_BYTES = 16 * 1024

/** Compiles and starts one of hash-wasm's hashers; rejects where WebAssembly is missing or forbidden (a CSP). */
export async function startHashWasm(bytes: Uint8Array<ArrayBuffer>): Promise<HashWasm> {
  const instance = await WebAssembly.instantiate(await WebAssembly.compile(bytes))
  return instance.exports as unknown as HashWasm
}

/** A view of the wasm's input buffer; made again after its memory grew, which detaches the old one. */
export const inputBuffer = (wasm: HashWasm): Uint8Array => new Uint8Array(wasm.memory.buffer, wasm.Hash_GetBuffer(), BUFFER_BYTES)
