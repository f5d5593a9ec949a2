// A separate process for the two-process cache test: runs a graph file against a cache
// directory with the test node pack, then prints its report as JSON.
import { readFile } from 'node:fs/promises'
import { DirStore } from '../../../runtime/cache/dir-store'
import { NodeCache } from '../../../runtime/cache/node-cache'
import { runGraph } from '../../../runtime/exec/executor'
import { testRegistry } from '../../support/test-nodes'

const [graphPath, cacheDir, scope] = process.argv.slice(2)
const doc = JSON.parse(await readFile(graphPath, 'utf8'))
const cache = new NodeCache({ store: new DirStore(cacheDir) })
const report = await runGraph({ doc, registry: testRegistry(), cache, scope, concurrency: 8 })
process.stdout.write(JSON.stringify(report))
