import { z } from 'zod'
import type { NodeContext, NodeDefinition, ResolvedFile } from '../../runtime/node-api/define-node'
import { seededRandom } from '../../runtime/exec/rng'
import type { Column, Dataset } from '../../runtime/values/dataset'
import type { Predictions } from '../../runtime/values/ml'
import { categoricalFromTexts } from '../../ml/table/cast'
import { makeDataset, numericColumn } from '../../ml/table/table'

/** Test helpers for table nodes: a context, params with defaults, and terse table builders. */

export function testContext(opts: { seed?: number; files?: Record<string, ResolvedFile>; signal?: AbortSignal } = {}) {
  const progress: { fraction: number; message?: string }[] = []
  const warnings: string[] = []
  const infos: string[] = []
  const ctx: NodeContext = {
    signal: opts.signal ?? new AbortController().signal,
    progress: (fraction, message) => void progress.push({ fraction, message }),
    random: seededRandom(opts.seed ?? 0),
    log: { info: (m) => void infos.push(m), warn: (m) => void warnings.push(m) },
    files: opts.files ?? {},
    backend: 'cpu',
  }
  return { ctx, progress, warnings, infos }
}

/** Validates params through the node's schema (defaults filled), as the runtime does. */
export function params<P extends Record<string, z.ZodType>>(def: NodeDefinition<P>, given: Record<string, unknown> = {}) {
  return z.object(def.params).strict().parse(given) as z.output<z.ZodObject<P>>
}

/** The validation message for bad params, or '' when they are valid. */
export function paramsError(def: NodeDefinition<any>, given: Record<string, unknown>): string {
  const r = z.object(def.params).strict().safeParse(given)
  return r.success ? '' : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
}

/** Runs a node with default params overridden by `given`, seeded with `seed` (or params.seed). */
export async function runNode(
  def: NodeDefinition<any>,
  inputs: Record<string, unknown>,
  given: Record<string, unknown> = {},
  files?: Record<string, ResolvedFile>,
) {
  const p = params(def, given)
  const { ctx } = testContext({ seed: typeof p.seed === 'number' ? p.seed : 0, files })
  return def.run(inputs, p, ctx)
}

/** A file as the host would give it. */
export function textFile(text: string, name = 'data.csv'): ResolvedFile {
  return { name, bytes: new TextEncoder().encode(text), hash: `test-${text.length}` }
}

type Cell = number | string | null

/** A dataset from columns of cells: numbers make numeric columns, strings categorical; null is missing. */
export function table(cols: Record<string, Cell[]>, target?: string): Dataset {
  const columns: Column[] = Object.entries(cols).map(([name, cells]) => {
    const role = name === target ? 'target' : 'feature'
    if (cells.every((c) => c === null || typeof c === 'number')) {
      return numericColumn(name, Float64Array.from(cells, (c) => (c === null ? NaN : (c as number))), role)
    }
    return categoricalFromTexts(name, cells.map((c) => (c === null ? undefined : String(c))), role)
  })
  return makeDataset(columns)
}

/** A column's cells back as plain values (null = missing), for assertions. */
export function cells(d: Dataset, name: string): Cell[] {
  const c = d.columns.find((x) => x.name === name)
  if (!c) throw new Error(`no column ${name}`)
  if (c.type === 'numeric') return Array.from(c.values, (v) => (Number.isNaN(v) ? null : v))
  return Array.from(c.codes, (k) => (k < 0 ? null : c.categories[k]))
}

/** Classification predictions from plain arrays (probabilities rows × classes, row-major). */
export function classificationPredictions(actual: number[], predicted: number[], classes: string[], probabilities?: number[]): Predictions {
  return {
    kind: 'predictions',
    task: 'classification',
    rows: actual.length,
    classes,
    actual: Float64Array.from(actual),
    predicted: Float64Array.from(predicted),
    ...(probabilities ? { probabilities: Float64Array.from(probabilities) } : {}),
  }
}
