import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { caStoreLine } from '../net/ca-store.mjs'
import { bundleFunction } from './code-cache.mjs'
import { writeAtomically } from './write-atomically.mjs'

/**
 * V8 flags the snapshot is built and started with: Node refuses a snapshot under other V8 flags. A young
 * generation of 16 MB lets a cached re-run end without a scavenge (each copied the registry's schemas).
 * `--no-rehash-snapshot`: a start keeps the string hash seed drawn when the blob was built instead of drawing
 * a new one and rehashing every string and hash table of the restored heap (≈ 7-9 ms of a cached re-run's CPU,
 * a third of the restore). The seed stays random per build and private to this checkout; the network servers
 * (`serve`, `bridge`), whose untrusted JSON keys a fixed seed would expose to hash flooding over many restarts,
 * start through bin.mjs instead (runtime/cli/pipeline).
 */
const FLAGS = ['--min-semi-space-size=16', '--interrupt-budget=300000', '--no-rehash-snapshot']

/**
 * A bundle's start-up snapshot, beside it: the blob, the stamp the launcher reads (runtime/cli/pipeline:
 * the node it was built with, then FLAGS, then that node's CA store, runtime/net/ca-store.mjs), and the mark
 * of a build that failed for this bundle.
 */
export function snapshotFiles(bundle) {
  const dir = dirname(bundle)
  return { blob: join(dir, 'snapshot.blob'), stamp: join(dir, 'snapshot.stamp'), failed: join(dir, 'snapshot.failed') }
}

const mtime = (file) => statSync(file, { throwIfNoEntry: false })?.mtimeMs

/**
 * Whether nothing is left to build: the launcher would start `bundle` from its snapshot with `node` (the
 * same test as the launcher's), or building one failed since the bundle was written (tried again when
 * the bundle changes, not at every start).
 */
export function snapshotSettled(bundle, node) {
  const { blob, stamp, failed } = snapshotFiles(bundle)
  const built = mtime(bundle)
  if (built === undefined) return false
  if ((mtime(failed) ?? -Infinity) > built) return true
  const at = mtime(blob)
  if (at === undefined || !(at > built) || !(at > (mtime(node) ?? Infinity))) return false
  try {
    return readFileSync(stamp, 'utf8').split('\n')[0] === node
  } catch {
    return false
  }
}

/**
 * The script Node's snapshot builder runs: the bundle's body as code-cache.mjs runs it, given a `require`
 * that resolves from the bundle's folder. It must be one file (the builder loads no other module); the
 * bundle's own top level sees it is building a snapshot (runtime/cli/snapshot-start.ts). The line before
 * the function keeps the body's line numbers those of the bundle.
 */
function builderScript(bundle) {
  const file = JSON.stringify(bundle)
  return `const { createRequire } = require('node:module'), { pathToFileURL } = require('node:url');
${bundleFunction(bundle)}(createRequire(${file}), pathToFileURL(${file}).href).catch((e) => { process.exitCode = 1; throw e })
`
}

/**
 * Builds the start-up snapshot of `bundle` for `node` (its path as the launcher finds it on PATH), with
 * this process's Node. The builder runs in a new folder, with HOME and TMPDIR inside it: a top level that
 * keeps one of them (a folder computed once, at import) would start every later process with the
 * builder's, so a blob that holds that folder's name is refused. Parallel first starts each build their
 * own blob and rename it into place. Resolves with whether one was built and, if not, why.
 */
export async function buildSnapshot(bundle, node) {
  const { spawnSync } = await import('node:child_process')
  const { blob, stamp, failed } = snapshotFiles(bundle)
  const tmp = `${blob}.${process.pid}.tmp`
  // Not in the marked folder: Node keeps its command line, the entry's path included.
  const entry = `${blob}.${process.pid}.entry.cjs`
  let marker = ''
  try {
    marker = mkdtempSync(join(tmpdir(), 'mlcanvas-snapshot-build-'))
    for (const dir of ['home', 'tmp']) mkdirSync(join(marker, dir))
    writeFileSync(entry, builderScript(bundle))
    const env = { PATH: process.env.PATH ?? '', HOME: join(marker, 'home'), TMPDIR: join(marker, 'tmp') }
    const built = spawnSync(process.execPath, [...FLAGS, '--snapshot-blob', tmp, '--build-snapshot', entry], { cwd: marker, env, encoding: 'utf8', timeout: 120_000 })
    const reason =
      built.status !== 0
        ? `the snapshot builder exited with ${built.status ?? built.signal}: ${built.stderr.trim().split('\n').slice(-3).join(' ')}`
        : readFileSync(tmp).includes(basename(marker))
          ? `the bundle's top level kept the builder's home, temporary or working folder (${marker})`
          : undefined
    if (reason) {
      writeAtomically(failed, reason + '\n')
      return { built: false, reason }
    }
    renameSync(tmp, blob)
    writeAtomically(stamp, `${node}\n${FLAGS.join(' ')}\n${caStoreLine()}\n`)
    return { built: true }
  } catch (e) {
    // A folder it cannot write (a read-only install) costs every start the snapshot, never the command.
    return { built: false, reason: `it could not be built: ${e.message}` }
  } finally {
    for (const file of [marker, tmp, entry]) if (file) rmSync(file, { recursive: true, force: true })
  }
}
