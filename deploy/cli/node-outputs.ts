import { runGraph, type RunOptions } from '../../runtime/exec/executor'
import type { Values } from '../../runtime/node-api/define-node'

/**
 * Runs what `nodeId` needs (cache hits are not recomputed) and returns that node's outputs,
 * read back from the cache by the key the run recorded for it.
 */
export async function nodeOutputs(opts: RunOptions & { to: string }): Promise<Values> {
  const scope = opts.scope ?? 'default'
  const report = await runGraph({ ...opts, scope })
  const status = report.nodes[opts.to]
  if (!status || (status.status !== 'ran' && status.status !== 'cached')) {
    const failed = Object.entries(report.nodes).find(([, n]) => n.status === 'error')
    const why = failed ? `node "${failed[0]}" (${failed[1].type}) failed: ${failed[1].error}` : (status?.error ?? status?.status)
    throw new Error(`Node "${opts.to}" did not run: ${why}`)
  }
  const record = await opts.cache.getRecord(scope, opts.to)
  const hit = record ? await opts.cache.get(record.key) : undefined
  if (hit?.status !== 'hit') throw new Error(`The result of node "${opts.to}" could not be read back from the cache.`)
  return hit.value as Values
}
