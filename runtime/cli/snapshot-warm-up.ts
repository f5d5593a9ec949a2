import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRegistry } from '../../nodes'
import { CURRENT_VERSION, GRAPH_FORMAT } from '../document/schema'
import { loadDocument } from '../document/load'
import { computeKeys } from '../keys/cache-keys'

type Main = (argv: string[]) => Promise<number>

/**
 * Runs what every cached re-run runs while the start-up snapshot is built, so that the snapshot holds it
 * compiled: V8 keeps the bytecode of functions that ran before it was taken, and compiles any other on its
 * first call after the start. An example graph is loaded, validated and keyed, then `main` runs an empty
 * graph (arguments, the executor, the report). Not with a cache folder: the run history would write the
 * builder's temporary folder into Node's buffer pool, which the snapshot keeps (and snapshot.mjs refuses).
 */
export async function warmUp(main: Main, root: string): Promise<void> {
  const registry = createRegistry()
  const loaded = loadDocument(await readFile(join(root, 'examples', 'two-moons-mlp.json'), 'utf8'), registry)
  if (!loaded.ok) throw new Error('The example graph for the snapshot warm-up does not load.')
  computeKeys(loaded.doc, registry)
  const dir = await mkdtemp(join(tmpdir(), 'warm-up-'))
  const empty = join(dir, 'empty.json')
  await writeFile(empty, JSON.stringify({ format: GRAPH_FORMAT, version: CURRENT_VERSION, nodes: [], edges: [] }))
  const code = await main(['run', empty, '--json', '--workers', '1', '--no-cache'])
  if (code !== 0) throw new Error(`The snapshot warm-up run exited with ${code}.`)
}
