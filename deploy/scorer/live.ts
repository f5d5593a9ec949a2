import type { TrainedModel } from '../../runtime/values/ml'
import { inputColumns } from '../bundle/build'
import type { InputColumn } from '../bundle/manifest'
import { readBundle } from '../bundle/read'
import { bundleFiles, isBundleValue } from '../bundle/value'
import { cellsFromInstances, RowError, tableFromCells } from './raw-table'
import { rowPredictions, scoreTable, type RowPrediction } from './score'

/** What the editor's live form shows: the raw input columns, and the predictions for the rows typed in. */
export interface LiveScore {
  columns: InputColumn[]
  task: TrainedModel['task']
  classes?: string[]
  predictions?: RowPrediction[]
  /** Why the rows could not be scored (a field path and a sentence). */
  error?: string
}

/** The trained model in a Train node's `model` output or an Export node's bundle; undefined for other values. */
export async function liveModel(value: unknown): Promise<{ model: TrainedModel; columns: InputColumn[] } | undefined> {
  if (isBundleValue(value)) {
    const b = await readBundle(bundleFiles(value))
    return { model: b.model, columns: b.manifest.input.columns }
  }
  if (value && typeof value === 'object' && (value as TrainedModel).kind === 'model') {
    const model = value as TrainedModel
    if (model.task !== 'classification' && model.task !== 'regression') return undefined
    return { model, columns: inputColumns(model) }
  }
  return undefined
}

/** Scores rows typed into the live form with the same scorer as a deployed bundle. */
export function liveScore(m: { model: TrainedModel; columns: InputColumn[] }, instances?: unknown[]): LiveScore {
  const base: LiveScore = { columns: m.columns, task: m.model.task, ...(m.model.classes ? { classes: m.model.classes } : {}) }
  if (!instances) return base
  try {
    const { header, rows } = cellsFromInstances(m.columns, instances)
    const out = scoreTable(m.model, tableFromCells(m.columns, header, rows, (i, c) => `instances[${i}].${c}`))
    return { ...base, predictions: rowPredictions(m.model, out, rows.length) }
  } catch (e) {
    return { ...base, error: e instanceof RowError ? e.message.replace(/^instances\[\d+\]\./, '') : (e as Error).message }
  }
}
