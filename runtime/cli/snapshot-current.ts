import { realpathSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { alwaysFiles, isStale } from './bundle-sources.mjs'

/** The blob this process was started from (`--snapshot-blob FILE`); the builder's own blob while one is built. */
function startedFrom(): string {
  const args = process.execArgv
  const at = args.indexOf('--snapshot-blob')
  const blob = at >= 0 ? args[at + 1] : args.find((a) => a.startsWith('--snapshot-blob='))?.slice('--snapshot-blob='.length)
  if (!blob) throw new Error('The CLI snapshot was started without --snapshot-blob; start it with runtime/cli/pipeline.')
  return blob
}

/** The checkout whose snapshot this process runs (its blob lies in node_modules/.cache/mlcanvas-cli). */
export const snapshotRoot = (): string => resolve(dirname(startedFrom()), '..', '..', '..')

/**
 * Whether this process may run the snapshot of `bundle`: its blob lies beside that bundle (not in a copied
 * checkout) and no source of the bundle changed since it was built. The snapshot's warm-up runs it too, so
 * that a start finds it compiled (snapshot-warm-up.ts).
 */
export function snapshotCurrent(bundle: string): boolean {
  return realpathSync(dirname(startedFrom())) === realpathSync(dirname(bundle)) && !isStale(bundle, alwaysFiles(snapshotRoot()))
}
