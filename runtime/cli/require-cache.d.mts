/** The folder beside a bundle that holds its packages' code caches for this process's V8 flags. */
export function requireCacheDir(bundleDir: string): string
/** Compiles the CommonJS files this thread requires from node_modules from V8 code caches in `dir`; `write()` stores the missing ones. */
export function cacheRequires(dir: string): { readonly cached: number; write(): number }
