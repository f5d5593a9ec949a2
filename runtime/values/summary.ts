import { isDataset, isSplits, type Dataset } from './dataset'

export type Summary = Record<string, unknown>

function datasetSummary(d: Dataset) {
  const target = d.columns.find((c) => c.role === 'target')?.name
  return { rows: d.rows, columns: d.columns.length, ...(target ? { target } : {}) }
}

/** A small JSON description of a value for node badges and CLI reports. */
export function summarizeValue(value: unknown): Summary {
  if (isDataset(value)) return datasetSummary(value)
  if (isSplits(value)) {
    return {
      train: value.train.rows,
      ...(value.validation ? { validation: value.validation.rows } : {}),
      ...(value.test ? { test: value.test.rows } : {}),
      columns: value.train.columns.length,
    }
  }
  if (value && typeof value === 'object') {
    const v = value as { kind?: unknown; scalars?: unknown; summary?: unknown }
    if (v.kind === 'metrics' && v.scalars && typeof v.scalars === 'object') return { ...(v.scalars as Summary) }
    if (v.summary && typeof v.summary === 'object') return { ...(v.summary as Summary) }
    if (typeof v.kind === 'string') return { kind: v.kind }
  }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return { value }
  return {}
}

/** Summary of all of a node's outputs: one output's summary as is, several keyed by port. */
export function summarizeOutputs(outputs: Record<string, unknown>): Summary {
  const ports = Object.keys(outputs)
  if (ports.length === 1) return summarizeValue(outputs[ports[0]])
  return Object.fromEntries(ports.map((p) => [p, summarizeValue(outputs[p])]))
}
