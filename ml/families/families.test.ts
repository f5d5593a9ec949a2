import '@tensorflow/tfjs-backend-wasm'
import type { z } from 'zod'
import { beforeAll, describe, expect, it } from 'vitest'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import { decodeValue, encodeValue } from '../../runtime/values/codec'
import type { Task } from '../../runtime/values/ml'
import { fitContext } from '../../tests/support/fit-context'
import { iris, linearData } from '../../tests/support/model-testing'
import type { AnyFamily } from './family'
import { FAMILIES, getFamily } from './index'
import { trainingTable } from './training-table'

beforeAll(() => setupNodeBackend())

const forest = getFamily('random-forest')
const kmeans = getFamily('kmeans')
const config = (f: AnyFamily, given: Record<string, unknown> = {}) => {
  const defaults = Object.fromEntries(Object.entries(f.config as Record<string, z.ZodType>).map(([k, s]) => [k, s.parse(undefined)]))
  return { ...defaults, ...given }
}
/** Small settings so every family fits in well under a second. */
const SMALL: Record<string, Record<string, unknown>> = {
  mlp: { layers: [{ units: 4, activation: 'relu', dropout: 0 }] },
  cnn: { height: 2, width: 2, filters: 2, kernel: 2, pool: 1, hidden: 0 },
  'random-forest': { nEstimators: 5 },
  kmeans: { nInit: 2 },
}
const tableFor = (f: AnyFamily) => {
  const task: Task = f.tasks.includes('classification') ? 'classification' : f.tasks[0]
  return trainingTable(task === 'regression' ? linearData([1, -2], 0.5, 40) : iris(), task, f.tasks)
}

describe('model families', () => {
  it('have unique ids and a config default for every param', () => {
    expect(new Set(FAMILIES.map((f) => f.id)).size).toBe(FAMILIES.length)
    for (const f of FAMILIES) expect(() => config(f)).not.toThrow()
  })

  it.each(FAMILIES.map((f) => [f.id, f] as const))('%s: fitted state survives serialize → value codec → deserialize and predicts identically', async (_id, f) => {
    const t = tableFor(f)
    const { state } = await f.fit(t, config(f, SMALL[f.id]), fitContext())
    const saved = await decodeValue(await encodeValue(f.serialize(state)))
    const back = f.deserialize(saved as Record<string, unknown>)
    const info = { task: t.task, features: t.X.names, ...(t.classes ? { classes: t.classes } : {}) }
    const before = f.predict(state, t.X.values, t.X.rows, info)
    const after = f.predict(back, t.X.values, t.X.rows, info)
    expect(after).toEqual(before)
    expect(before.predicted.length).toBe(t.X.rows)
  })

  it('a damaged saved state is refused with the field named', () => {
    expect(() => kmeans.deserialize({ k: 2, cols: 2, centers: [0, 0, 1, 1], inertia: 0, iterations: 1 })).toThrow(
      'The saved k-means model is damaged: "centers" should be a Float64Array of 4.',
    )
  })

  it('the random forest follows its own seed: same seed same trees, seed 0 vs 7 differ', async () => {
    const t = tableFor(forest)
    const fit = async (seed: number) => {
      const { state } = await forest.fit(t, config(forest, { nEstimators: 10, seed }), fitContext({ seed }))
      return forest.predict(state, t.X.values, t.X.rows, { task: t.task, features: t.X.names, classes: t.classes }).probabilities
    }
    expect(await fit(0)).toEqual(await fit(0))
    expect(await fit(7)).not.toEqual(await fit(0))
  })

  it('k-means follows its own seed: same seed same centers, seed 0 vs 7 differ', async () => {
    const t = tableFor(kmeans)
    const fit = async (seed: number) => (await kmeans.fit(t, config(kmeans, { k: 5, nInit: 1, seed }), fitContext({ seed }))).state
    expect((await fit(0)).centers).toEqual((await fit(0)).centers)
    expect((await fit(7)).centers).not.toEqual((await fit(0)).centers)
  })

  it('a random-forest fit stops within 200 ms of the abort', async () => {
    const t = tableFor(forest)
    const controller = new AbortController()
    let aborted = 0
    setTimeout(() => ((aborted = performance.now()), controller.abort()), 100)
    const fit = forest.fit(t, config(forest, { nEstimators: 100_000 }), fitContext({ signal: controller.signal }))
    await expect(fit).rejects.toThrow('Training was cancelled.')
    expect(performance.now() - aborted).toBeLessThan(200)
  })
})
