import { join } from 'node:path'
import { ROOT } from './proc'

/**
 * Builds the CLI into one ES module with Vite (SSR build: packages stay external), the way it
 * could ship, to separate what tsx costs at start-up from what the CLI itself loads. The output
 * lives under node_modules/.cache so that its package imports resolve.
 */
export async function buildCliBundle(): Promise<string> {
  const { build } = await import('vite')
  const outDir = join(ROOT, 'node_modules/.cache/mlcanvas-bench-cli')
  await build({
    configFile: false,
    logLevel: 'error',
    build: { ssr: join(ROOT, 'runtime/cli/main.ts'), outDir, emptyOutDir: true, target: 'node20', minify: false },
  })
  return join(outDir, 'main.js')
}
