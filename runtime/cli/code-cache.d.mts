/** Runs a bundle made by bundle.mjs from a V8 code cache kept next to it; resolves when its top level has finished. */
export function runBundle(file: string): Promise<{ cached: boolean; wrote: boolean }>
/** A bundle made by bundle.mjs as the source of an async function taking its `require` and URL; throws for another file. */
export function bundleFunction(file: string): string
