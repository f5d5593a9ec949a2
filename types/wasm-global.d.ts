// WebAssembly is an engine global (V8 in Node and in workers), but TypeScript declares it only in
// its DOM and WebWorker libs. The no-DOM project (tsconfig.core.json) declares the part ml/ uses.
declare namespace WebAssembly {
  interface Module {}
  interface Instance {
    readonly exports: Record<string, unknown>
  }
  type Imports = Record<string, Record<string, unknown>>
  function compile(bytes: Uint8Array<ArrayBuffer>): Promise<Module>
  function instantiate(module: Module, imports?: Imports): Promise<Instance>
}
