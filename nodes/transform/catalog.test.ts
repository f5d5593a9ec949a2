import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { NodeCache } from '../../runtime/cache/node-cache'
import { nodeFileProvider } from '../../runtime/cli/node-files'
import { loadDocument, saveDocument } from '../../runtime/document/load'
import { runGraph } from '../../runtime/exec/executor'
import { describeNode, Registry } from '../../runtime/registry'
import { decodeValue, encodeValue } from '../../runtime/values/codec'
import { graph } from '../../tests/support/graph'
import { cleanNodes } from '../clean'
import { dataNodes } from '../data'
import { transformNodes } from '.'
import { irisNode } from '../data/iris'
import { runNode } from '../../tests/support/table-testing'
import { featureMatrix, targetVector } from '../../ml/table/table'
import type { Dataset } from '../../runtime/values/dataset'
import { splitNode } from './split'
import { standardizeNode } from './standardize'

const registry = new Registry([...dataNodes, ...cleanNodes, ...transformNodes])
const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url))

describe('data, clean and transform catalog', () => {
  it('registers every node with defaults that validate, a JSON schema and a one-paragraph description', () => {
    for (const def of registry.list()) {
      expect(() => registry.defaults(def.type), def.type).not.toThrow()
      expect(describeNode(def).params, def.type).toBeTypeOf('object')
      expect(def.description.length, def.type).toBeGreaterThan(60)
      expect(def.description, def.type).not.toContain('\n')
    }
    expect(registry.list().map((d) => d.category).sort()).toEqual(
      [...Array(dataNodes.length).fill('data'), ...Array(cleanNodes.length).fill('clean'), ...Array(transformNodes.length).fill('transform')].sort(),
    )
  })

  const doc = graph(
    [
      ['csv', 'data.csv', { path: 'data/messy-customers.csv', ids: ['customer_id'] }],
      ['dedup', 'clean.drop-duplicates'],
      ['text', 'clean.normalize-text', { case: 'title', mapping: 'NY=New York' }],
      ['split', 'transform.split', { test: 0.25, seed: 1 }],
      ['impute', 'clean.impute', { strategy: 'median' }],
      ['clip', 'clean.outliers'],
      ['onehot', 'transform.onehot'],
      ['scale', 'transform.standardize'],
    ],
    [
      'csv.data->dedup.data',
      'dedup.data->text.data',
      'text.data->split.data',
      'split.data->impute.data',
      'impute.data->clip.data',
      'clip.data->onehot.data',
      'onehot.data->scale.data',
    ],
  )

  it('a cleaning graph round-trips as a document and runs headless with useful summaries', async () => {
    const loaded = loadDocument(saveDocument(doc), registry)
    expect(loaded.ok && loaded.diagnostics).toEqual([])
    const report = await runGraph({ doc, registry, cache: new NodeCache(), files: nodeFileProvider(examplesDir) })
    expect(Object.values(report.nodes).map((n) => n.status)).toEqual(Array(8).fill('ran'))
    expect(report.nodes.csv.summary).toMatchObject({ rows: 40, columns: 7, target: 'churned', missing: 10 })
    expect(report.nodes.dedup.summary).toMatchObject({ rows: 37 })
    expect(report.nodes.text.summary).toMatchObject({ categories: { city: 3, plan: 2, churned: 2 } })
    expect(report.nodes.split.summary).toMatchObject({ train: 27, test: 10, stratified: true })
    expect(report.nodes.impute.summary).toMatchObject({ fittedOn: 'train' })
    expect(report.nodes.scale.summary).toMatchObject({ fittedOn: 'train', columns: 10 })
  })

  it('the regression summary lists the weights the executor-seeded data really has', async () => {
    const cache = new NodeCache()
    const doc = graph([['reg', 'data.regression', { seed: 11, noise: 0, bias: 2, samples: 20 }]])
    const report = await runGraph({ doc, registry, cache })
    const { coefficients, bias } = report.nodes.reg.summary as { coefficients: Record<string, number>; bias: number }
    const record = await cache.getRecord('default', 'reg')
    const hit = await cache.get(record!.key)
    const d = (hit as { value: { data: Dataset } }).value.data
    const m = featureMatrix(d)
    const y = targetVector(d)!.values
    for (let i = 0; i < m.rows; i++) {
      const fit = bias + m.names.reduce((s, n, j) => s + coefficients[n] * m.values[i * m.cols + j], 0)
      expect(y[i]).toBeCloseTo(fit, 9)
    }
  })

  it('stores datasets and splits with their lineage through the cache codec unchanged', async () => {
    const iris = (await runNode(irisNode, {})).data
    const split = (await runNode(splitNode, { data: iris }, { validation: 0.2 })).data
    const scaled = (await runNode(standardizeNode, { data: split })).data
    for (const value of [iris, scaled]) expect(await decodeValue(await encodeValue(value))).toEqual(value)
  })
})
