import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { NodeDefinition } from '../../runtime/node-api/define-node'
import type { Dataset, Splits } from '../../runtime/values/dataset'
import { imputeNode } from '../clean/impute'
import { normalizeTextNode } from '../clean/normalize-text'
import { outliersNode } from '../clean/outliers'
import { csvNode } from '../data/csv'
import { featureMatrix } from '../../ml/table/table'
import { runNode, textFile } from '../../tests/support/table-testing'
import { applySteps, conformToModel } from './lineage'
import { collectReplays, DEFAULT_REPLAYS } from './replays'
import { STEP_ALIASES } from './step-aliases'
import { allNodes } from '..'
import { Registry } from '../../runtime/registry'
import type { TrainedModel } from '../../runtime/values/ml'
import { oneHotNode } from '../transform/onehot'
import { pcaNode } from '../transform/pca'
import { splitNode } from '../transform/split'
import { standardizeNode } from '../transform/standardize'

const messy = readFileSync(new URL('../../examples/data/messy-customers.csv', import.meta.url), 'utf8')

const load = async (text: string, given: Record<string, unknown> = {}) =>
  (await runNode(csvNode, {}, { path: 'x.csv', ids: ['customer_id'], ...given }, { path: textFile(text) })).data as Dataset

const OLD_ID = new Map([...STEP_ALIASES].map(([old, now]) => [now, old]))

const chain: [NodeDefinition<any>, Record<string, unknown>][] = [
  [normalizeTextNode, { case: 'title', mapping: 'NY=New York' }],
  [imputeNode, { strategy: 'median' }],
  [outliersNode, {}],
  [oneHotNode, {}],
  [standardizeNode, {}],
]

async function pipeline<T extends Dataset | Splits>(data: T, extra: [NodeDefinition<any>, Record<string, unknown>][] = []): Promise<T> {
  let d: Dataset | Splits = data
  for (const [def, given] of [...chain, ...extra]) d = (await runNode(def, { data: d }, given)).data as Dataset | Splits
  return d as T
}

describe('applySteps', () => {
  it('replays the lineage on the raw table and reproduces the transformed table', async () => {
    const raw = await load(messy)
    const out = await pipeline(raw, [[pcaNode, { components: 3 }]])
    expect(out.steps.map((s) => s.type)).toEqual(['data.csv', 'clean.normalize-text', 'clean.impute', 'clean.outliers', 'transform.onehot', 'transform.standardize', 'transform.pca'])
    expect(applySteps(out.steps, raw)).toEqual(out)
  })

  it('replays train-fitted steps on the raw test rows (splits)', async () => {
    const raw = await load(messy)
    const splits = (await runNode(splitNode, { data: raw }, { test: 0.25, seed: 3 })).data as Splits
    const out = await pipeline(splits)
    expect(applySteps(out.test!.steps, splits.test!)).toEqual(out.test)
  })

  it('scores rows parsed on their own: other column order, no target, unseen category', async () => {
    const raw = await load(messy)
    const out = await pipeline(raw)
    const fresh = await load(
      'visits,plan,income,age,city,customer_id\n2,Basic,44000,39,Chicago,C001\n13,Premium,134000,54,NY,C007\n5,Gold,50000,30,Denver,X1\n',
      { noTarget: true },
    )
    const scored = applySteps(out.steps, fresh)
    // Predict's lineage check treats a loader's own schema step as raw rows and replays everything.
    const warnings: string[] = []
    expect(conformToModel({ steps: out.steps } as TrainedModel, fresh, (m) => warnings.push(m))).toEqual(scored)
    expect(warnings).toEqual([])
    const want = featureMatrix(out)
    const got = featureMatrix(scored)
    expect(got.names).toEqual(want.names)
    expect([...got.values.slice(0, 2 * got.cols)]).toEqual([...want.values.slice(0, got.cols), ...want.values.slice(6 * got.cols, 7 * got.cols)])
    expect(scored.columns.find((c) => c.role === 'target')).toBeUndefined()
    await expect(async () => applySteps(out.steps, await load('age,city\n1,NY\n', { noTarget: true, ids: [] }))).rejects.toThrow(
      'The table lacks columns "income", "plan", "visits"',
    )
    expect(() => applySteps([{ type: 'warp', state: {} }], raw)).toThrow('Unknown preprocessing step "warp"')
  })

  it('gives a re-loaded target the training category codes', async () => {
    const raw = await load(messy)
    const few = await load('customer_id,age,city,income,plan,visits,churned\nC1,30,Boston,5000,Basic,3,yes\n')
    const replayed = applySteps(raw.steps, few)
    expect(replayed.columns.at(-1)).toMatchObject({ name: 'churned', categories: ['no', 'yes'], codes: Int32Array.of(1) })
  })

  it('takes each replay from the node that writes the step, named by its type id; any other name is refused', () => {
    const writers = allNodes.filter((d) => d.replays?.length).map((d) => d.type)
    expect([...DEFAULT_REPLAYS.keys()].sort()).toEqual([...writers].sort())
    expect(writers).toEqual(expect.arrayContaining(['data.csv', 'data.sql', 'clean.set-target', 'clean.outliers', 'transform.pca']))
    const misnamed = { type: 'test.other', replays: [{ step: 'pca', replay: (_s: Record<string, unknown>, d: Dataset) => d }] }
    const message = 'Node type "test.other" declares a replay for fitted step "pca"; a node replays the step it writes, named "test.other".'
    expect(() => collectReplays([pcaNode, misnamed])).toThrow(message)
    expect(() => new Registry([misnamed as unknown as NodeDefinition])).toThrow(message)
    expect(() => collectReplays([pcaNode, pcaNode])).toThrow('Node type "transform.pca" is listed twice with replays.')
  })

  it('replays steps saved under the old ids and treats any loader step as raw rows', async () => {
    const raw = await load(messy)
    const out = await pipeline(raw, [[pcaNode, { components: 3 }]])
    const renamed = out.steps.map((s) => ({ ...s, type: OLD_ID.get(s.type)! }))
    expect(renamed.map((s) => s.type)).toEqual(['schema', 'text', 'impute', 'clip', 'onehot', 'standardize', 'pca'])
    expect(applySteps(renamed, raw).columns).toEqual(out.columns)
    // A model saved with old ids, rows read today (or by another loader): the prefix matches by meaning, no warning.
    const warnings: string[] = []
    expect(conformToModel({ steps: renamed } as TrainedModel, raw, (m) => warnings.push(m)).columns).toEqual(out.columns)
    const byJson = { ...raw, steps: [{ ...raw.steps[0], type: 'data.json' }] }
    expect(conformToModel({ steps: out.steps } as TrainedModel, byJson, (m) => warnings.push(m)).columns).toEqual(out.columns)
    expect(warnings).toEqual([])
  })
})
