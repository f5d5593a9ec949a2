import * as tf from '@tensorflow/tfjs-core'
import * as tfl from '@tensorflow/tfjs-layers'
import Papa from 'papaparse'
import { beforeAll, describe, expect, it } from 'vitest'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import { matrixFor } from '../../ml/families/training-table'
import { conformToModel } from '../../nodes/predict/lineage'
import { tableFromCells } from '../scorer/raw-table'
import { loadScorer } from '../scorer/scorer'
import { runCustomers } from '../testing/customers'
import type { BundleFiles } from './build'
import { readBundle } from './read'

beforeAll(async () => {
  await setupNodeBackend('cpu')
})

const cells = (csv: string) => {
  const rows = Papa.parse<string[]>(csv.trim(), { skipEmptyLines: true }).data
  return { header: rows[0], rows: rows.slice(1) }
}

const edited = (files: BundleFiles, path: string, edit: (bytes: Uint8Array) => Uint8Array) => new Map([...files, [path, edit(files.get(path)!)]])
const jsonEdit = (files: BundleFiles, path: string, edit: (v: any) => void) =>
  edited(files, path, (b) => {
    const v = JSON.parse(new TextDecoder().decode(b))
    edit(v)
    return new TextEncoder().encode(JSON.stringify(v))
  })

describe('model bundle of a neural network after a cleaning chain', () => {
  let run: Awaited<ReturnType<typeof runCustomers>>
  beforeAll(async () => {
    run = await runCustomers(['model.mlp', { layers: [{ units: 8, activation: 'relu', dropout: 0 }] }])
  })

  it('scores the raw CSV rows exactly as the canvas Predict node', async () => {
    const scorer = await loadScorer(run.files)
    const { header, rows } = cells(run.csv)
    const out = scorer.scoreCells(header, rows)
    expect(out.predicted).toEqual(run.canvas.predicted)
    expect(out.probabilities).toEqual(run.canvas.probabilities)
    expect(run.canvas.rows).toBe(rows.length)
  })

  it('describes the raw input columns, the lineage and the training reference', async () => {
    const { manifest } = await readBundle(run.files)
    expect(manifest.input.columns.map((c) => [c.name, c.type, c.required])).toEqual([
      ['customer_id', 'categorical', false],
      ['age', 'numeric', true],
      ['city', 'categorical', true],
      ['income', 'numeric', true],
      ['plan', 'categorical', true],
      ['visits', 'numeric', true],
      ['churned', 'categorical', false],
    ])
    expect(manifest.lineage.steps).toEqual(['data.csv', 'clean.normalize-text', 'clean.impute', 'clean.impute', 'clean.outliers', 'transform.onehot', 'transform.standardize'])
    expect(manifest.model.classes).toEqual(['no', 'yes'])
    expect(manifest.tfjs).toEqual({ path: 'model.json', outputs: 'probabilities' })
    const age = manifest.reference!.columns.find((c) => c.name === 'age')!
    expect(age.type).toBe('numeric')
    expect(manifest.reference!.predictions!.type).toBe('categorical')
  })

  it('loads in stock tfjs-layers and gives the same probabilities on the preprocessed rows', async () => {
    const modelJson = JSON.parse(new TextDecoder().decode(run.files.get('model.json')!))
    const bin = run.files.get('weights.bin')!
    const loaded = await tfl.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0].weights,
        weightData: bin.slice().buffer,
      }),
    )
    const { model } = await readBundle(run.files)
    const { header, rows } = cells(run.csv)
    const scorer = await loadScorer(run.files)
    const raw = scorer.scoreCells(header, rows)
    const table = tableFromCells(scorer.bundle.manifest.input.columns, header, rows, () => '')
    const X = matrixFor(conformToModel(model, table, () => {}), model.features)
    const y = tf.tidy(() => (loaded.predict(tf.tensor2d(Float32Array.from(X.values), [X.rows, X.cols])) as tf.Tensor).dataSync())
    expect(y.length).toBe(X.rows)
    for (let i = 0; i < X.rows; i++) expect(y[i]).toBeCloseTo(raw.probabilities![2 * i + 1], 6)
    loaded.dispose()
  })

  it('refuses a damaged or foreign bundle with a message naming the problem', async () => {
    await expect(readBundle(edited(run.files, 'weights.bin', (b) => b.map((x, i) => (i === 3 ? x ^ 1 : x))))).rejects.toThrow(
      'weights.bin does not match its checksum in bundle.json',
    )
    await expect(readBundle(jsonEdit(run.files, 'bundle.json', (v) => (v.version = 2)))).rejects.toThrow(
      'This bundle is format version 2; this mlcanvas reads version 1.',
    )
    await expect(readBundle(jsonEdit(run.files, 'bundle.json', (v) => delete v.model.features))).rejects.toThrow(
      'bundle.json is not a model bundle: model.features:',
    )
    const missing = new Map(run.files)
    missing.delete('lineage.json')
    await expect(readBundle(missing)).rejects.toThrow('The bundle has no lineage.json.')
  })
})

describe('model bundle of a decision tree', () => {
  it('stores the tree as JSON and scores the raw rows as the canvas', async () => {
    const run = await runCustomers(['model.decision-tree', { maxDepth: 3 }])
    expect([...run.files.keys()].sort()).toEqual(['bundle.json', 'lineage.json', 'model-state.json'])
    const scorer = await loadScorer(run.files)
    const { header, rows } = cells(run.csv)
    const out = scorer.scoreCells(header, rows)
    expect(out.predicted).toEqual(run.canvas.predicted)
    expect(out.probabilities).toEqual(run.canvas.probabilities)
    expect(scorer.scoreInstances([{ age: 40, city: 'Boston', income: 50000, plan: 'Basic', visits: 3 }]).predictions).toEqual([
      { label: expect.stringMatching(/^(yes|no)$/), probabilities: { no: expect.any(Number), yes: expect.any(Number) } },
    ])
  })
})
