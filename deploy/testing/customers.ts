import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createRegistry } from '../../nodes'
import { NodeCache } from '../../runtime/cache/node-cache'
import { nodeFileProvider } from '../../runtime/cli/node-files'
import type { GraphDocument } from '../../runtime/document/schema'
import type { Predictions, TrainedModel } from '../../runtime/values/ml'
import { graph } from '../../tests/support/graph'
import { bundleFiles, type BundleValue } from '../bundle/value'
import { nodeOutputs } from '../cli/node-outputs'

/** The messy customers table: missing cells, odd casing, ids, a categorical target. */
export const CUSTOMERS_CSV = resolve('examples/data/messy-customers.csv')

/**
 * The cleaning showcase's chain (dedupe, text normalization, split, imputation, clipping,
 * one-hot, scaling) ending in a model, an Export node fed the raw rows, and a Predict node
 * scoring the raw loader rows as the canvas does.
 */
export function customersGraph(model: [type: string, params: Record<string, unknown>]): GraphDocument {
  const doc = graph(
    [
      ['csv', 'data.csv', { path: 'data/messy-customers.csv', target: 'churned', ids: ['customer_id'] }],
      ['dedupe', 'clean.drop-duplicates'],
      ['text', 'clean.normalize-text', { columns: ['city', 'plan'], trim: true, case: 'lower', mapping: 'ny=new york' }],
      ['split', 'transform.split', { test: 0.3, seed: 0 }],
      ['fillNumbers', 'clean.impute', { columns: ['age', 'income', 'visits'], strategy: 'median' }],
      ['fillCategories', 'clean.impute', { columns: ['city', 'plan'], strategy: 'most_frequent' }],
      ['outliers', 'clean.outliers', { columns: ['age', 'income', 'visits'], method: 'iqr', action: 'clip' }],
      ['onehot', 'transform.onehot', { columns: ['city', 'plan'] }],
      ['scale', 'transform.standardize'],
      ['spec', ...model],
      ['opt', 'optimizer.adam', { learningRate: 0.05 }],
      ['train', 'train.fit', { epochs: 20, batchSize: 16, seed: 0 }],
      ['predictRaw', 'predict.apply'],
      ['export', 'deploy.export', { name: 'churn' }],
    ],
    [
      'csv.data->dedupe.data',
      'dedupe.data->text.data',
      'text.data->split.data',
      'split.data->fillNumbers.data',
      'fillNumbers.data->fillCategories.data',
      'fillCategories.data->outliers.data',
      'outliers.data->onehot.data',
      'onehot.data->scale.data',
      'scale.data->train.data',
      'spec.model->train.model',
      'train.model->predictRaw.model',
      'csv.data->predictRaw.data',
      'train.model->export.model',
      'csv.data->export.data',
    ],
  )
  if (model[0] !== 'model.mlp') doc.nodes = doc.nodes.filter((n) => n.id !== 'opt')
  else doc.edges.push({ id: 'eopt', from: { node: 'opt', port: 'optimizer' }, to: { node: 'train', port: 'optimizer' } })
  return doc
}

/** Runs the graph in this process; the export's files, the trained model and the canvas's predictions on the raw rows. */
export async function runCustomers(model: [string, Record<string, unknown>]) {
  const doc = customersGraph(model)
  const opts = { doc, registry: createRegistry(), cache: new NodeCache(), files: nodeFileProvider(resolve('examples')), backend: 'cpu' }
  const exported = await nodeOutputs({ ...opts, to: 'export' })
  const outputs = await nodeOutputs({ ...opts, to: 'predictRaw' })
  const trained = await nodeOutputs({ ...opts, to: 'train' })
  return {
    files: bundleFiles(exported.bundle as BundleValue),
    model: trained.model as TrainedModel,
    canvas: outputs.predictions as Predictions,
    csv: readFileSync(CUSTOMERS_CSV, 'utf8'),
  }
}
