import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DirStore } from '../cache/dir-store'
import { NodeCache } from '../cache/node-cache'
import { CURRENT_VERSION, GRAPH_FORMAT, type GraphDocument } from '../document/schema'
import { loadDocument } from '../document/load'
import { DirRunHistory } from '../history/dir-history'
import { computeKeys } from '../keys/cache-keys'
import type { Registry } from '../registry'
import { cliRegistry } from './cli-registry'
import { snapshotCurrent } from './snapshot-current'

type Main = (argv: string[]) => Promise<number>

/**
 * Runs what every cached re-run runs while the start-up snapshot is built, so that the snapshot holds it
 * compiled: V8 keeps the bytecode of functions that ran before it was taken, and compiles any other on its
 * first call after the start. An example graph is loaded, validated and keyed; `main` runs an empty graph
 * (arguments, the executor, the report), then a graph served from a cache folder (the entry reads, the run
 * records, the run history). That folder is made beside the bundle (`bundleDir`), not in the builder's
 * temporary folder: paths the run writes stay in Node's buffer pool, which the snapshot keeps, and a blob
 * that holds the builder's folder is refused (snapshot.mjs).
 */
export async function warmUp(main: Main, root: string, bundleDir: string): Promise<void> {
  const registry = cliRegistry()
  const loaded = loadDocument(await readFile(join(root, 'examples', 'two-moons-mlp.json'), 'utf8'), registry)
  if (!loaded.ok) throw new Error('The example graph for the snapshot warm-up does not load.')
  computeKeys(loaded.doc, registry)
  const dir = await mkdtemp(join(tmpdir(), 'warm-up-'))
  const empty = join(dir, 'empty.json')
  await writeFile(empty, JSON.stringify({ format: GRAPH_FORMAT, version: CURRENT_VERSION, nodes: [], edges: [] }))
  await mainRun(main, ['run', empty, '--json', '--workers', '1', '--no-cache'])
  // What a snapshot start runs before the command (snapshot-start.ts), compiled here too.
  if (!snapshotCurrent(join(bundleDir, 'main.mjs'))) throw new Error('The snapshot warm-up found the bundle it is built from stale.')
  const cached = await mkdtemp(join(bundleDir, 'warm-up-'))
  try {
    await cachedRun(main, registry, loaded.doc, cached)
  } finally {
    await rm(cached, { recursive: true, force: true })
  }
}

/**
 * `main` on the example's first node, its entry put in a cache folder in `dir` first: the builder cannot
 * run nodes (it has no WebAssembly for tf), so what the run finds is a stand-in value under the node's key.
 */
async function cachedRun(main: Main, registry: Registry, example: GraphDocument, dir: string): Promise<void> {
  const doc: GraphDocument = { ...example, nodes: example.nodes.slice(0, 1), edges: [] }
  const graph = join(dir, 'graph.json')
  await writeFile(graph, JSON.stringify(doc))
  const cacheDir = join(dir, 'cache')
  const cache = new NodeCache({ store: await DirStore.open(cacheDir) })
  for (const { key } of computeKeys(doc, registry).values()) await cache.put(key, {}, { summary: {}, ms: 0 })
  // Twice: the second run finds the first in the run history and compares params with it (run-entry.ts).
  for (let i = 0; i < 2; i++) await mainRun(main, ['run', graph, '--json', '--workers', '1', '--cache-dir', cacheDir])
  // A node that ran would have loaded tf into the snapshot.
  const recorded = await new DirRunHistory(cacheDir).latest(graph)
  if (recorded?.cached !== doc.nodes.length) throw new Error('The snapshot warm-up run was not served from its cache folder.')
}

async function mainRun(main: Main, argv: string[]): Promise<void> {
  const code = await main(argv)
  if (code !== 0) throw new Error(`The snapshot warm-up run (${argv.join(' ')}) exited with ${code}.`)
}
