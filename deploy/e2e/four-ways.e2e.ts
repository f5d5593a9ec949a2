import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import * as tf from '@tensorflow/tfjs-core'
import * as tfl from '@tensorflow/tfjs-layers'
import Papa from 'papaparse'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import { freshContext } from '../../tests/browser/browser'
import { writeBundleDir, readBundleDir } from '../cli/bundle-dir'
import { predictCsv } from '../cli/predict-csv'
import { buildScorerPage } from '../html/build-page'
import { tableFromCells } from '../scorer/raw-table'
import { loadScorer, type Scorer } from '../scorer/scorer'
import { scoreTable } from '../scorer/score'
import { buildServer } from '../server/app'
import { runCustomers } from '../testing/customers'
import { conformToModel } from '../../nodes/predict/lineage'
import { matrixFor } from '../../ml/families/training-table'

/**
 * One exported bundle, four ways to score it, the same rows: stock tfjs-layers on the
 * preprocessed matrix, the offline HTML page in Chromium (file://), `pipeline predict`'s
 * streaming CSV writer and `pipeline serve`'s HTTP API. The last three run one scorer module,
 * all on tfjs's CPU backend here, so they must agree to the last bit; tfjs-layers runs its
 * own (fused) kernels, so it agrees to float32 rounding.
 */
let dir: string
let scorer: Scorer
let header: string[]
let rows: string[][]

beforeAll(async () => {
  await setupNodeBackend('cpu')
  dir = await mkdtemp(join(tmpdir(), 'mlcanvas-four-'))
  const run = await runCustomers(['model.mlp', { layers: [{ units: 8, activation: 'relu', dropout: 0 }] }])
  await writeBundleDir(join(dir, 'churn'), run.files)
  scorer = await loadScorer(await readBundleDir(join(dir, 'churn')))
  const data = Papa.parse<string[]>(run.csv.trim(), { skipEmptyLines: true }).data
  header = data[0]
  rows = data.slice(1)
  await writeFile(join(dir, 'rows.csv'), run.csv)
})

interface Scored {
  labels: string[]
  yes: number[]
}

async function viaTfjs(): Promise<Scored> {
  const files = await readBundleDir(join(dir, 'churn'))
  const modelJson = JSON.parse(new TextDecoder().decode(files.get('model.json')!))
  const loaded = await tfl.loadLayersModel(
    tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0].weights, weightData: files.get('weights.bin')!.slice().buffer }),
  )
  const model = scorer.bundle.model
  const X = matrixFor(conformToModel(model, tableFromCells(scorer.bundle.manifest.input.columns, header, rows, () => ''), () => {}), model.features)
  const y = tf.tidy(() => Array.from((loaded.predict(tf.tensor2d(Float32Array.from(X.values), [X.rows, X.cols])) as tf.Tensor).dataSync()))
  loaded.dispose()
  return { labels: y.map((p) => (p >= 0.5 ? 'yes' : 'no')), yes: y }
}

async function viaPredictCsv(): Promise<Scored> {
  await predictCsv(scorer, join(dir, 'rows.csv'), join(dir, 'out.csv'))
  const out = Papa.parse<string[]>((await readFile(join(dir, 'out.csv'), 'utf8')).trim()).data
  const col = (name: string) => out[0].indexOf(name)
  return { labels: out.slice(1).map((r) => r[col('prediction')]), yes: out.slice(1).map((r) => Number(r[col('probability_yes')])) }
}

async function viaServer(): Promise<Scored> {
  const app = buildServer(new Map([['churn', scorer]]))
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  try {
    const instances = rows.map((r) => Object.fromEntries(header.map((h, j) => [h, r[j]])))
    const res = await fetch(`${address}/v1/models/churn:predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ instances }) })
    expect(res.status).toBe(200)
    const { predictions } = (await res.json()) as { predictions: { label: string; probabilities: Record<string, number> }[] }
    return { labels: predictions.map((p) => p.label), yes: predictions.map((p) => p.probabilities.yes) }
  } finally {
    await app.close()
  }
}

async function viaHtmlPage(): Promise<Scored> {
  const page = join(dir, 'churn.html')
  await writeFile(page, await buildScorerPage(await readBundleDir(join(dir, 'churn'))))
  const ctx = await freshContext()
  try {
    const tab = ctx.pages()[0] ?? (await ctx.newPage())
    const errors: string[] = []
    tab.on('pageerror', (e) => errors.push(e.message))
    await tab.goto(pathToFileURL(page).href)
    await tab.getByRole('status').filter({ hasText: 'Ready.' }).waitFor({ timeout: 60_000 })
    await tab.getByLabel('Rows to score (CSV, header first)').fill(Papa.unparse([header, ...rows], { newline: '\n' }))
    await tab.getByRole('button', { name: 'Score' }).click()
    await tab.getByRole('status').filter({ hasText: `Scored ${rows.length} rows.` }).waitFor()
    const th = await tab.locator('#results th').allTextContents()
    const cells = await tab.locator('#results tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (td) => td.textContent ?? '')))
    expect(errors).toEqual([])
    return { labels: cells.map((r) => r[th.indexOf('prediction')]), yes: cells.map((r) => Number(r[th.indexOf('probability_yes')])) }
  } finally {
    await ctx.close()
  }
}

describe('an exported bundle scores identically four ways', () => {
  const results: Record<string, Scored> = {}
  afterAll(() => undefined)

  it('pipeline predict, pipeline serve and the offline HTML page agree to the last bit', async () => {
    results.predict = await viaPredictCsv()
    results.serve = await viaServer()
    results.html = await viaHtmlPage()
    const canvas = scoreTable(scorer.bundle.model, tableFromCells(scorer.bundle.manifest.input.columns, header, rows, () => ''))
    expect(results.predict.yes).toEqual(Array.from({ length: rows.length }, (_, i) => canvas.probabilities![2 * i + 1]))
    expect(results.serve).toEqual(results.predict)
    expect(results.html).toEqual(results.predict)
    expect(new Set(results.predict.labels)).toEqual(new Set(['yes', 'no']))
  })

  it('stock tfjs-layers agrees to float32 rounding', async () => {
    const t = await viaTfjs()
    const p = results.predict ?? (await viaPredictCsv())
    expect(t.yes.length).toBe(rows.length)
    t.yes.forEach((y, i) => {
      expect(y).toBeCloseTo(p.yes[i], 6)
      if (Math.abs(y - 0.5) > 1e-5) expect(t.labels[i]).toBe(p.labels[i])
    })
  })
})
