/** Bundles a TypeScript entry into one ES module for Node (packages: see bundle-packages.mjs) that code-cache.mjs can also run; resolves with the source files bundled in, outside node_modules. */
export function bundleModule(entry: string, outfile: string): Promise<string[]>
