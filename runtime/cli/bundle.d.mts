/** Bundles a TypeScript entry into one ES module for Node; packages stay external. */
export function bundleModule(entry: string, outfile: string): Promise<void>
