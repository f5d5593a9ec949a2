import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Papa from 'papaparse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createRegistry } from '../../nodes'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import { NodeCache } from '../../runtime/cache/node-cache'
import { DirStore } from '../../runtime/cache/dir-store'
import { nodeFileProvider } from '../../runtime/cli/node-files'
import { loadDocument } from '../../runtime/document/load'
import type { Values } from '../../runtime/node-api/define-node'
import type { Dataset } from '../../runtime/values/dataset'
import type { Predictions, TrainedModel } from '../../runtime/values/ml'
import { nodeOutputs } from '../../deploy/cli/node-outputs'
import { loadScorer } from '../../deploy/scorer/scorer'
import { predictNode } from '../../nodes/predict/apply'
import { runNode } from '../support/table-testing'

/**
 * tests/fixtures/lineage-v1 was made by main before fitted steps were named by node type ids
 * (see its README): a bundle exported then, the cache entry of the model trained then, and
 * what both scored on the raw CSV rows. They must still score every row identically.
 */
const dir = resolve('tests/fixtures/lineage-v1')
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8'))
const OLD_IDS = ['schema', 'rename', 'cast', 'select', 'roles', 'text', 'impute', 'clip', 'ordinal', 'onehot', 'minmax', 'standardize', 'pca']
const csv = Papa.parse<string[]>(readFileSync('examples/data/messy-customers.csv', 'utf8').trim(), { skipEmptyLines: true }).data

const registry = createRegistry()
const loaded = loadDocument(readFileSync(join(dir, 'graph.json'), 'utf8'), registry)
const doc = loaded.ok ? loaded.doc : undefined
const files = nodeFileProvider(resolve('examples'))
const scored = (p: Predictions) => ({ predicted: Array.from(p.predicted), probabilities: Array.from(p.probabilities!) })

const bundleDir = () => new Map(readdirSync(join(dir, 'bundle')).map((f) => [f, new Uint8Array(readFileSync(join(dir, 'bundle', f)))]))

beforeAll(async () => {
  await setupNodeBackend('cpu')
})

describe('lineages saved with the old fitted-step ids', () => {
  let cacheDir: string
  beforeAll(() => {
    cacheDir = mkdtempSync(join(tmpdir(), 'lineage-v1-'))
    cpSync(join(dir, 'cache'), cacheDir, { recursive: true })
  })
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }))

  it('an exported bundle scores the raw rows as it did when exported', async () => {
    const scorer = await loadScorer(bundleDir())
    expect(scorer.bundle.manifest.lineage.steps).toEqual(OLD_IDS)
    const out = scorer.scoreCells(csv[0], csv.slice(1))
    expect({ predicted: Array.from(out.predicted), probabilities: Array.from(out.probabilities!) }).toEqual(expected.bundle)
  })

  it('a cached trained model replays its lineage on freshly loaded rows with identical predictions', async () => {
    // The entry is read by the key it was stored under then: a later change of the key recipe makes old entries misses, not wrong.
    const hit = await new NodeCache({ store: await DirStore.open(cacheDir) }).get(expected.trainKey)
    expect(hit.status).toBe('hit')
    const model = (hit as { value: Values }).value.model as TrainedModel
    expect(model.steps.map((s) => s.type)).toEqual(OLD_IDS)
    const raw = (await nodeOutputs({ doc: doc!, registry, cache: new NodeCache(), files, backend: 'cpu', to: 'csv' })).data as Dataset
    const out = await runNode(predictNode, { model, data: raw })
    expect(scored(out.predictions as Predictions)).toEqual(expected.canvas)
  })

  it('the same graph trained today predicts the same', async () => {
    const canvas = (await nodeOutputs({ doc: doc!, registry, cache: new NodeCache(), files, backend: 'cpu', to: 'predictRaw' })).predictions as Predictions
    expect(scored(canvas)).toEqual(expected.canvas)
  })
})
