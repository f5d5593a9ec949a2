/** Bundles a TypeScript entry into one ES module for Node; packages stay external (their wasm files resolve). */
export async function bundleModule(entry, outfile) {
  const { build } = await import('esbuild')
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  })
}
