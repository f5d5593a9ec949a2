import { defineNode, paramsUnchanged, type NodeDefinition } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { isDataset, type Dataset, type Splits } from '../../runtime/values/dataset'
import type { Predictions, TrainedModel } from '../../runtime/values/ml'
import { encodeActual, matrixFor } from '../../ml/families/training-table'
import { conformToModel } from './lineage'
import { predictMatrix } from '../../ml/families/predict'
import { DEFAULT_FAMILIES, type FamilyLookup } from '../../ml/families'
import { idTexts, requireData, targetColumn } from '../../ml/table/table'
import { concatRows } from '../../ml/table/concat-rows'

export type SplitChoice = 'test' | 'validation' | 'train' | 'all'

/** The rows to score from splits: the chosen split, else the first present of test, validation, train. */
export function pickSplit(s: Splits, choice: SplitChoice, warn: (m: string) => void): { d: Dataset; split: SplitChoice } {
  if (choice === 'all') return { d: concatRows([s.train, s.validation, s.test].filter((x): x is Dataset => !!x)), split: 'all' }
  const chosen = s[choice]
  if (chosen) return { d: chosen, split: choice }
  const fallback = (['test', 'validation', 'train'] as const).find((k) => s[k])!
  warn(`The splits have no ${choice} set; predicting on the ${fallback} set instead.`)
  return { d: s[fallback]!, split: fallback }
}

export function requireModel(v: unknown): TrainedModel {
  if (v && typeof v === 'object' && (v as TrainedModel).kind === 'model') return v as TrainedModel
  throw new Error('Input "model" needs a trained model; connect the output of a Train node.')
}

/** Decision scores as rows × classes; a binary model's one score s per row becomes (−s, s). */
function scoreMatrix(scores: Float64Array, rows: number, k: number): Float64Array {
  if (scores.length === rows * k) return scores
  const out = new Float64Array(rows * 2)
  for (let i = 0; i < rows; i++) {
    out[2 * i] = -scores[i]
    out[2 * i + 1] = scores[i]
  }
  return out
}

const predictParams = {
  split: p.select(['test', 'validation', 'train', 'all'] as const, {
    default: 'test',
    title: 'Split',
    description: 'Which split to score when fed splits.',
  }),
}

/** The Predict node, scoring with the families in `families` (tests add their own). */
export function predictNodeFor(families: FamilyLookup): NodeDefinition<typeof predictParams> {
  return defineNode({
    type: 'predict.apply',
    // 2: predictions carry the rows' ID columns.
    version: 2,
    migrate: paramsUnchanged,
    category: 'predict',
    tensors: true,
    title: 'Predict',
    description:
      'Scores rows with a trained model: predicted labels with class probabilities, values, cluster ids or PCA ' +
      'coordinates, plus the true target when the rows have one and their ID columns. Fed splits it scores the chosen split (test by ' +
      'default). Raw rows first go through the preprocessing the model was trained after.',
    inputs: { model: port.model(), data: port.datasetOrSplits() },
    outputs: { predictions: port.predictions() },
    params: predictParams,
    run(inputs, params, ctx) {
      const model = requireModel(inputs.model)
      const data = requireData(inputs.data)
      const warn = (m: string) => ctx.log.warn(m)
      const picked = isDataset(data) ? { d: data, split: 'all' as const } : pickSplit(data, params.split, warn)
      const d = conformToModel(model, picked.d, warn)
      const X = matrixFor(d, model.features)
      const out = predictMatrix(model, X.values, X.rows, families)
      const hasTarget = model.target !== undefined ? targetColumn(d)?.name === model.target : targetColumn(d) !== undefined
      const actual = hasTarget ? encodeActual(d, model.task === 'classification' ? model.classes : undefined) : undefined
      const ids = idTexts(d)
      const predictions: Predictions = {
        kind: 'predictions',
        task: model.task,
        rows: X.rows,
        ...(model.classes && model.task === 'classification' ? { classes: model.classes } : {}),
        predicted: out.predicted,
        ...(out.probabilities ? { probabilities: out.probabilities } : {}),
        ...(out.scores && model.classes ? { scores: scoreMatrix(out.scores, X.rows, model.classes.length) } : {}),
        ...(actual ? { actual } : {}),
        // An embedding's coordinates are what its plots draw; other models carry their input features.
        features: out.embedding ?? { names: X.names, values: X.values },
        split: picked.split,
        ...(ids.length ? { ids } : {}),
      }
      return { predictions }
    },
    summarize: (outputs) => {
      const p = outputs.predictions as Predictions
      const summary: Record<string, unknown> = { rows: p.rows, split: p.split }
      if (p.actual && p.task === 'classification') {
        let hits = 0
        p.predicted.forEach((v, i) => (hits += v === p.actual![i] ? 1 : 0))
        summary.accuracy = p.rows ? hits / p.rows : 0
      }
      return summary
    },
  })
}

export const predictNode = predictNodeFor(DEFAULT_FAMILIES)
