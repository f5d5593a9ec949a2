import { readFileSync } from 'node:fs'
import * as tf from '@tensorflow/tfjs-core'
import { createRegistry } from '../../../nodes'
import { setupNodeBackend } from '../../../runtime/backend/setup-node'
import { NodeCache } from '../../../runtime/cache/node-cache'
import { loadDocument } from '../../../runtime/document/load'
import { runGraph } from '../../../runtime/exec/executor'
import { newRow, record, type Row } from './table'

/** RSS growth over the repeats beyond which a run is counted as leaking. */
const RSS_SLACK = 150 * 2 ** 20

/**
 * The iris example run `count` times in one process, each with an empty cache so every node
 * (tfjs training included) runs: tensors must return to the count after the first run, results
 * must repeat, and resident memory must level off.
 */
export async function repeatedRuns(count: number): Promise<Row & { rssMb: number[] }> {
  const row = { ...newRow('repeated runs (tensors, RSS)'), rssMb: [] as number[] }
  const registry = createRegistry()
  const loaded = loadDocument(readFileSync('examples/iris-logistic-regression.json', 'utf8'), registry)
  if (!loaded.ok) throw new Error('the iris example does not load')
  const backend = await setupNodeBackend('wasm')
  let tensors = -1
  let first = ''
  let baseRss = 0
  for (let i = 0; i < count; i++) {
    const report = await runGraph({ doc: loaded.doc, registry, cache: new NodeCache(), backend })
    const summaries = JSON.stringify(Object.values(report.nodes).map((n) => n.summary))
    const now = tf.memory().numTensors
    const rss = process.memoryUsage().rss
    row.rssMb.push(Math.round(rss / 2 ** 20))
    if (i === 0) {
      ;[tensors, first, baseRss] = [now, summaries, rss]
      record(row, report.ran === Object.keys(report.nodes).length ? 'ok' : 'wrong', 'first run did not run every node')
    } else if (now !== tensors) record(row, 'wrong', `run ${i}: ${now} tensors, ${tensors} after the first run`)
    else if (summaries !== first) record(row, 'wrong', `run ${i}: results differ from the first run`)
    else if (rss - baseRss > RSS_SLACK) record(row, 'wrong', `run ${i}: RSS grew ${((rss - baseRss) / 2 ** 20).toFixed(0)} MB`)
    else record(row, 'ok')
  }
  return row
}
