/** Runs a bundle made by bundle.mjs from a V8 code cache kept next to it; resolves when its top level has finished. */
export function runBundle(file: string): Promise<{ cached: boolean; wrote: boolean }>
