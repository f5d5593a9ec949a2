import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { NodeCache } from '../cache/node-cache'
import type { GraphDocument } from '../document/schema'
import type { RunReport } from '../exec/events'
import type { Registry } from '../registry'
import { formatRows, isTableValue, tableRows, type OutSpec } from './table-out'

/** Checks `--out` specs against the document before running: the node exists and has such an output. */
export function checkOutSpecs(specs: OutSpec[], doc: GraphDocument, registry: Registry): string[] {
  return specs.flatMap((s) => {
    const node = doc.nodes.find((n) => n.id === s.node)
    if (!node) return [`--out: no node with id "${s.node}".`]
    const outputs = Object.keys(registry.get(node.type)?.outputs ?? {})
    if (s.port !== undefined && !outputs.includes(s.port)) return [`--out: node "${s.node}" has no output "${s.port}"; it has ${outputs.join(', ') || 'none'}.`]
    return []
  })
}

/** Writes each requested node's table output (read back from the run's cache) to its file; returns one line per file or problem. */
export async function writeOuts(specs: OutSpec[], report: RunReport, cache: NodeCache, scope: string): Promise<{ lines: string[]; failed: boolean }> {
  const lines: string[] = []
  let failed = false
  for (const s of specs) {
    const status = report.nodes[s.node]?.status
    const record = await cache.getRecord(scope, s.node)
    const hit = status === 'ran' || status === 'cached' ? record && (await cache.get(record.key)) : undefined
    if (!hit || hit.status !== 'hit') {
      lines.push(`--out ${s.node}: nothing written to ${s.path}; the node ${status === 'error' || status === 'blocked' ? 'failed' : 'has no result'}.`)
      failed = true
      continue
    }
    const outputs = hit.value as Record<string, unknown>
    const port = s.port ?? Object.keys(outputs).find((p) => isTableValue(outputs[p]))
    const value = port === undefined ? undefined : outputs[port]
    if (!isTableValue(value)) {
      lines.push(`--out ${s.node}: nothing written to ${s.path}; ${port ? `output "${port}" is` : 'its outputs are'} not a table (dataset, splits or predictions).`)
      failed = true
      continue
    }
    const table = tableRows(value)
    await writeFile(resolve(s.path), formatRows(table, s.path))
    lines.push(`wrote ${s.path}: ${table.rows.length} rows × ${table.header.length} columns from ${s.node}.${port}`)
  }
  return { lines, failed }
}
