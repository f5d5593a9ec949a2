import { beforeAll, describe, expect, it } from 'vitest'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import { bundleValue } from '../bundle/value'
import { runCustomers } from '../testing/customers'
import { liveModel, liveScore } from './live'
import { loadScorer } from './scorer'

beforeAll(() => setupNodeBackend('cpu'))

describe('live scoring for the editor form', () => {
  it('offers the raw columns and scores typed rows as the exported bundle does', async () => {
    const run = await runCustomers(['model.decision-tree', { maxDepth: 3 }])
    const fromModel = (await liveModel(run.model))!
    const fromBundle = (await liveModel(bundleValue('churn', run.files)))!
    const form = liveScore(fromModel)
    expect(form.columns.filter((c) => c.required).map((c) => c.name)).toEqual(['age', 'city', 'income', 'plan', 'visits'])
    expect(form.columns.find((c) => c.name === 'plan')!.categories).toContain('Premium')
    expect(form.predictions).toBeUndefined()
    const row = { age: 30, city: 'Chicago', income: 90000, plan: 'Premium', visits: 20 }
    const scored = liveScore(fromModel, [row])
    expect(scored.predictions).toEqual((await loadScorer(run.files)).scoreInstances([row]).predictions)
    expect(liveScore(fromBundle, [row]).predictions).toEqual(scored.predictions)
    expect(liveScore(fromModel, [{ ...row, income: 'lots' }]).error).toBe('income: expected a number, got "lots"')
    expect(await liveModel({ kind: 'metrics', scalars: {} })).toBeUndefined()
  })
})
