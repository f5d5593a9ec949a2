import type { Column, ColumnRole, Dataset, FittedStep } from '../../runtime/values/dataset'
import { castColumn } from '../../ml/table/cast'
import { quoteList } from '../../ml/table/table'
import { fittedStep, type FittedStepKind } from '../../ml/table/steps'

/**
 * The first step of a loaded table's lineage: the column names, types and roles the loader
 * decided on. Replaying it on rows parsed elsewhere (a file to score) gives the same types
 * (a zip code column read as numbers becomes categorical again), the same category codes,
 * the same roles and the same column order, so later steps and the model see the table they
 * were fitted on.
 */
export interface SchemaState {
  /** `categories` (categorical columns): the loaded list, so later rows get the same codes. */
  columns: { name: string; type: Column['type']; role: ColumnRole; categories?: string[] }[]
}

/** A loader's schema step kind: its lineage id is the loader's node type; every loader's replays alike. */
export interface LoaderSchema extends FittedStepKind<SchemaState> {
  readonly loader: true
}

/** The schema step of the loader `type` (declare it in the loader's `replays` and pass it to `finishLoad`). */
export function loaderSchema(type: string): LoaderSchema {
  return { ...fittedStep(type, applySchema), loader: true }
}

/** The schema step a loader writes for the table it read. */
export function schemaStep(d: Dataset, kind: LoaderSchema): FittedStep {
  const state: SchemaState = {
    columns: d.columns.map((c) => ({
      name: c.name,
      type: c.type,
      role: c.role,
      ...(c.type === 'categorical' ? { categories: [...c.categories] } : {}),
    })),
  }
  return kind.record(state)
}

/**
 * Conforms a table to a schema. Only feature columns must be present: rows to score may lack
 * the target (the answer) and ID columns; extra columns are kept, ignored.
 */
export function applySchema(state: SchemaState, d: Dataset): Dataset {
  const byName = new Map(d.columns.map((c) => [c.name, c]))
  const absent = state.columns.filter((s) => s.role === 'feature' && !byName.has(s.name))
  if (absent.length) {
    throw new Error(
      `The table lacks column${absent.length > 1 ? 's' : ''} ${quoteList(absent.map((s) => s.name))} ` +
        'that the pipeline was built with; supply rows with the same columns as the training data.',
    )
  }
  const columns: Column[] = []
  for (const s of state.columns) {
    const c = byName.get(s.name)
    if (c) columns.push({ ...castColumn(c, s.type, s.categories), role: s.role })
  }
  const known = new Set(state.columns.map((s) => s.name))
  for (const c of d.columns) if (!known.has(c.name)) columns.push({ ...c, role: 'ignore' })
  return { ...d, columns }
}
