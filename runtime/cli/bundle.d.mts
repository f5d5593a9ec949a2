/** Bundles a TypeScript entry into one ES module for Node (packages: see bundle-packages.mjs) that code-cache.mjs can also run. */
export function bundleModule(entry: string, outfile: string): Promise<void>
