import type { MatrixPredictions } from '../../ml/families/family'
import type { DecimalMark } from '../../ml/table/cast'
import { BundleError, readBundle, type LoadedBundle } from '../bundle/read'
import type { BundleFiles } from '../bundle/build'
import type { InputColumn } from '../bundle/manifest'
import { cellsFromInstances, tableFromCells } from './raw-table'
import { rowPredictions, scoreTable, type RowPrediction } from './score'

/**
 * The one scorer every way out of the canvas uses (`pipeline predict`, `pipeline serve`, the
 * offline HTML page, the editor's live form): raw rows in, the canvas's predictions out.
 */
export interface Scorer {
  bundle: LoadedBundle
  /** Rows as TensorFlow Serving's `instances`, and their cell texts; throws a RowError naming the bad field. */
  scoreInstances(instances: unknown): { predictions: RowPrediction[]; header: string[]; rows: string[][] }
  /** Rows as CSV cell texts under `header`; `firstRow` numbers rows in messages; `decimal`: how the cells write fractions. */
  scoreCells(header: readonly string[], rows: readonly (readonly string[])[], firstRow?: number, decimal?: DecimalMark): MatrixPredictions
}

export function scorerFor(bundle: LoadedBundle): Scorer {
  const { model, manifest } = bundle
  const columns = manifest.input.columns
  return {
    bundle,
    scoreInstances(instances) {
      const { header, rows } = cellsFromInstances(columns, instances)
      const out = scoreTable(model, tableFromCells(columns, header, rows, (i, c) => `instances[${i}].${c}`))
      return { predictions: rowPredictions(model, out, rows.length), header, rows }
    },
    scoreCells(header, rows, firstRow = 1, decimal = 'point') {
      const where = (i: number, c: string) => (i < 0 ? `column ${c}` : `row ${firstRow + i}, column ${c}`)
      return scoreTable(model, tableFromCells(columns, header, rows, where, decimal))
    },
  }
}

/** A value for each input column that the training data had (a reference median or first category). */
function typicalCell(c: InputColumn, bundle: LoadedBundle): string {
  const ref = bundle.manifest.reference?.columns.find((r) => r.name === c.name)
  if (ref?.type === 'numeric' && ref.sample.length) return String(ref.sample[ref.sample.length >> 1])
  if (c.type === 'categorical') return c.categories?.[0] ?? 'a'
  return '0'
}

/** Scores one typical row through a loaded bundle; throws a BundleError when the bundle cannot score. */
export function checkScores(bundle: LoadedBundle): void {
  const columns = bundle.manifest.input.columns
  try {
    const out = scorerFor(bundle).scoreCells(columns.map((c) => c.name), [columns.map((c) => typicalCell(c, bundle))])
    const k = bundle.model.classes?.length
    if (bundle.model.task === 'classification' && !(out.predicted[0] >= 0 && out.predicted[0] < k!)) throw new Error('no class predicted')
  } catch (e) {
    throw new BundleError(`The bundle's model cannot score a row: ${(e as Error).message}`)
  }
}

/** Reads, checks and test-scores a bundle, returning its scorer. */
export async function loadScorer(files: BundleFiles): Promise<Scorer> {
  const bundle = await readBundle(files)
  checkScores(bundle)
  return scorerFor(bundle)
}
