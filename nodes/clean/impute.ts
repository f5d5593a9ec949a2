import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import type { Column, Dataset } from '../../runtime/values/dataset'
import { requireData, withColumns, type DatasetOrSplits } from '../../ml/table/table'
import { categoricalWith, columnTexts, parseNumber } from '../../ml/table/cast'
import { byColumn, chooseColumns, fitAndApply, fittedSummary, lastStep } from '../../ml/table/select'
import { mean, median, mostFrequent, presentValues } from '../../ml/table/stats'
import { fittedStep } from '../../ml/table/steps'

type Strategy = 'mean' | 'median' | 'most_frequent' | 'constant'

export interface ImputeState {
  fills: { name: string; value: number | string }[]
}

function constantFor(c: Column, text: string): number | string {
  if (c.type === 'categorical') return text === '' ? 'missing_value' : text
  if (text === '') return 0
  const v = parseNumber(text)
  if (v === undefined) throw new Error(`Fill value "${text}" is not a number, so it cannot fill numeric column "${c.name}".`)
  return v
}

export function fitImpute(d: Dataset, names: string[], strategy: Strategy, fillValue: string): ImputeState {
  const cols = chooseColumns(d, names, 'any', 'Impute')
  return {
    fills: cols.map((c) => {
      if (strategy === 'constant') return { name: c.name, value: constantFor(c, fillValue) }
      // Mean and median have no meaning for categories: those columns take the most frequent one.
      if (c.type === 'categorical' || strategy === 'most_frequent') return { name: c.name, value: mostFrequent(c) }
      const v = presentValues(c)
      return { name: c.name, value: strategy === 'mean' ? mean(v) : median(v) }
    }),
  }
}

/** Fills the missing cells of each fitted column; absent columns (a target not supplied) are skipped. */
export function applyImpute(s: ImputeState, d: Dataset): Dataset {
  const replaced: Column[] = []
  for (const { name, value } of s.fills) {
    const c = d.columns.find((x) => x.name === name)
    if (!c) continue
    if (c.type === 'numeric') {
      const v = typeof value === 'number' ? value : parseNumber(value)
      if (v === undefined) throw new Error(`Impute cannot fill numeric column "${name}" with "${value}".`)
      replaced.push({ ...c, values: c.values.map((x) => (Number.isNaN(x) ? v : x)) })
    } else {
      const fill = String(value)
      const texts = columnTexts(c).map((t) => t ?? fill)
      replaced.push(categoricalWith(name, texts, c.role, c.categories.includes(fill) ? c.categories : [...c.categories, fill]))
    }
  }
  return withColumns(d, replaced)
}

const imputeStep = fittedStep('clean.impute', applyImpute)

/** Fills missing values, as scikit-learn's SimpleImputer. */
export const imputeNode = defineNode({
  type: 'clean.impute',
  version: 1,
  category: 'clean',
  title: 'Impute missing values',
  description:
    'Fills missing cells, as scikit-learn SimpleImputer: with the column mean or median, the most frequent value (ties go to the smallest), or a constant ' +
    '(default 0 for numbers, "missing_value" for categories). Categorical columns use the most frequent value unless the strategy is constant. ' +
    'Fed splits, the fill values are learned on the training split and used for all splits; fed one table, on all its rows.',
  inputs: { data: port.datasetOrSplits() },
  outputs: { data: port.sameAs('data') },
  replays: [imputeStep],
  params: () => ({
    columns: p.columns({ title: 'Columns', description: 'Empty: every feature column.' }),
    strategy: p.select(['mean', 'median', 'most_frequent', 'constant'], { default: 'mean', title: 'Strategy' }),
    fill_value: p.text({ default: '', maxLength: 200, title: 'Constant', description: 'Used by the constant strategy.' }),
  }),
  run({ data }, params) {
    const out = fitAndApply(requireData(data), imputeStep, (train) => fitImpute(train, params.columns, params.strategy, params.fill_value))
    return { data: out }
  },
  summarize(outputs) {
    const data = outputs.data as DatasetOrSplits
    const s = lastStep(data)?.state as unknown as ImputeState
    return fittedSummary(data, { fills: byColumn(s.fills.map((f) => f.name), s.fills.map((f) => f.value)) })
  },
})
