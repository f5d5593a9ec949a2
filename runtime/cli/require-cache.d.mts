/** Compiles the CommonJS files this thread requires from node_modules from V8 code caches in `dir`; `write()` stores the missing ones. */
export function cacheRequires(dir: string): { readonly cached: number; write(): number }
