import type { Database, SqlJsStatic } from 'sql.js'

/**
 * SQLite (sql.js, compiled to WebAssembly) for the SQL query node, loaded on first use so the
 * ≈ 690 KB wasm is fetched only by graphs that query. It needs no eval, only
 * 'wasm-unsafe-eval' under a strict CSP. Node finds the wasm next to the package; a browser
 * bundle says where its copy is with `setSqlWasmUrl` before the first query.
 */

let wasmUrl: string | undefined
let engine: Promise<SqlJsStatic> | undefined

/** The URL the bundler gave sql.js's .wasm file (browser workers only). */
export function setSqlWasmUrl(url: string): void {
  wasmUrl = url
}

async function load(): Promise<SqlJsStatic> {
  const init = (await import('sql.js')).default
  const url = wasmUrl
  return init(url ? { locateFile: () => url } : undefined)
}

/** Opens a database: the bytes of an SQLite file, or a new empty one in memory. */
export async function openDatabase(bytes?: Uint8Array): Promise<Database> {
  engine ??= load().catch((e) => {
    engine = undefined
    throw new Error(`The SQL engine (SQLite WebAssembly) could not start: ${(e as Error).message}.`)
  })
  const SQL = await engine
  return new SQL.Database(bytes)
}
