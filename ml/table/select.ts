import type { Column, Dataset, FittedStep } from '../../runtime/values/dataset'
import type { FittedStepKind } from './steps'
import { summarizeValue } from '../../runtime/values/summary'
import { fitRows, fittedOn, getColumn, mapSplits, quoteList, type DatasetOrSplits } from './table'

/** Column choice for transforms, and the fit-on-train / apply-to-all pattern they share. */

export type ColumnKind = 'numeric' | 'categorical' | 'any'

/**
 * The columns a node works on: the named ones (each must exist and be of `kind`), or, when
 * none are named, every feature column of that kind.
 */
export function chooseColumns(d: Dataset, names: string[], kind: ColumnKind, node: string): Column[] {
  if (names.length === 0) return d.columns.filter((c) => c.role === 'feature' && (kind === 'any' || c.type === kind))
  const cols = names.map((n) => getColumn(d, n))
  const wrong = cols.filter((c) => kind !== 'any' && c.type !== kind)
  if (wrong.length) {
    const fix = kind === 'numeric' ? 'encode it first or leave it out' : 'cast it to categorical first or leave it out'
    throw new Error(`${node} works on ${kind} columns; ${quoteList(wrong.map((c) => c.name))} ${wrong.length > 1 ? 'are' : 'is'} ${wrong[0].type}: ${fix}.`)
  }
  return cols
}

/** Adds a step to a dataset's lineage. */
export function withStep(d: Dataset, step: FittedStep): Dataset {
  return { ...d, steps: [...d.steps, step] }
}

/**
 * Fits a step on the training rows (or all rows of a plain dataset), then applies it to
 * every split and records it in each split's lineage: the leakage-free pattern.
 */
export function fitAndApply<S extends object>(data: DatasetOrSplits, kind: FittedStepKind<S>, fit: (train: Dataset) => S): DatasetOrSplits {
  const state = fit(fitRows(data))
  const step = kind.record(state)
  return mapSplits(data, (d) => withStep(kind.apply(state, d), step))
}

/** The last step of a transform's output (its fitted state), for summaries. */
export function lastStep(data: DatasetOrSplits): FittedStep | undefined {
  return fitRows(data).steps.at(-1)
}

/** A transform's summary: the usual table summary plus what it was fitted on. */
export function fittedSummary(data: DatasetOrSplits, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...summarizeValue(data), fittedOn: fittedOn(data), ...extra }
}

/** Most per-column entries a summary lists; summaries travel to the UI and must stay small. */
export const SUMMARY_COLUMNS = 20

/** `{column: value}` for the first SUMMARY_COLUMNS columns. */
export function byColumn<T>(names: readonly string[], values: readonly T[]): Record<string, T> {
  return Object.fromEntries(names.slice(0, SUMMARY_COLUMNS).map((n, j) => [n, values[j]]))
}
