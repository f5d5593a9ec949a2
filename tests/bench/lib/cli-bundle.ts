import { join } from 'node:path'
import { bundleModule } from '../../../runtime/cli/bundle.mjs'
import { ROOT, runTs } from './proc'

/** The CLI as users start it (`npm run pipeline`): a launcher that runs the bundled CLI from its start-up snapshot. */
export const CLI = 'runtime/cli/pipeline'

/** Runs the CLI once so its bundle and start-up snapshot are built before anything is timed. */
export async function warmCli(): Promise<void> {
  const r = await runTs(CLI, ['nodes'], { tsx: false })
  if (r.code !== 0) throw new Error(`the CLI did not start: ${r.stderr.trim().slice(-300)}`)
}

/**
 * Bundles a TypeScript script into one ES module with esbuild (the same settings as the CLI's
 * launcher), so a hand-written comparison starts the way the CLI does: no loader at run time.
 */
export async function bundleScript(entry: string): Promise<string> {
  const outfile = join(ROOT, 'node_modules/.cache/mlcanvas-bench', entry.replace(/[/\\]/g, '_').replace(/\.ts$/, '.mjs'))
  await bundleModule(join(ROOT, entry), outfile)
  return outfile
}
