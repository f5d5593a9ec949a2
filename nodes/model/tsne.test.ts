import { describe, expect, it } from 'vitest'
import type { Dataset } from '../../runtime/values/dataset'
import { everyThird, iris } from '../../tests/support/model-testing'
import { featureMatrix, targetVector } from '../../ml/table/table'
import { params, paramsError, runNode, testContext } from '../../tests/support/table-testing'
import { FitCancelled } from '../../ml/cancel'
import { tsneNode } from './tsne'

/** Leave-one-out 1-nearest-neighbour accuracy of the target in the embedding: high when classes stay together. */
function neighbourAgreement(d: Dataset): number {
  const y = targetVector(d)!.values
  const get = (name: string) => (d.columns.find((c) => c.name === name) as { values: Float64Array }).values
  const a = get('tsne_1')
  const b = get('tsne_2')
  let hits = 0
  for (let i = 0; i < d.rows; i++) {
    let best = Infinity
    let arg = -1
    for (let j = 0; j < d.rows; j++) {
      const dist = j === i ? Infinity : (a[i] - a[j]) ** 2 + (b[i] - b[j]) ** 2
      if (dist < best) (best = dist), (arg = j)
    }
    hits += y[arg] === y[i] ? 1 : 0
  }
  return hits / d.rows
}

describe('model.tsne', () => {
  it('embeds iris in 2-D keeping species together, with the target column carried along', async () => {
    const out = (await runNode(tsneNode, { data: iris() }, { iterations: 500 })).data as Dataset
    expect(out.columns.map((c) => c.name)).toEqual(['tsne_1', 'tsne_2', 'species'])
    expect(out.rows).toBe(150)
    // In the raw 4-D space, leave-one-out 1-NN agrees on 96% of iris rows; the map should keep most of that.
    expect(neighbourAgreement(out)).toBeGreaterThanOrEqual(0.93)
    expect(featureMatrix(out).names).toEqual(['tsne_1', 'tsne_2'])
  })

  it('is deterministic for a seed (random init) and embeds all rows of splits', async () => {
    const run = async () => (await runNode(tsneNode, { data: everyThird(iris()) }, { iterations: 250, init: 'random', seed: 3 })).data as Dataset
    const a = await run()
    expect(a.rows).toBe(150)
    expect(a.columns[0]).toEqual((await run()).columns[0])
  })

  it('gives plain messages for bad params and too few rows', async () => {
    expect(paramsError(tsneNode, { perplexity: 1 })).toMatch(/^perplexity: Too small/)
    const small = { ...iris(), rows: 10, columns: iris().columns.map((c) => ('values' in c ? { ...c, values: c.values.slice(0, 10) } : { ...c, codes: c.codes.slice(0, 10) })) }
    await expect(runNode(tsneNode, { data: small }, {})).rejects.toThrow('Perplexity 30 must be below the number of rows (10); lower it.')
  })

  it('reports progress every 50 iterations and stops when cancelled mid-run', async () => {
    const controller = new AbortController()
    const { ctx, progress } = testContext({ signal: controller.signal })
    ctx.progress = (fraction, message) => {
      progress.push({ fraction, message })
      if (progress.length === 2) controller.abort()
    }
    await expect(Promise.resolve(tsneNode.run({ data: iris() }, params(tsneNode, {}), ctx))).rejects.toThrow(FitCancelled)
    expect(progress.map((p) => p.message?.replace(/KL .*/, ''))).toEqual(['iteration 50/1000 ', 'iteration 100/1000 '])
    expect(progress[1].fraction).toBe(0.1)
  })

  it('keeps a version 1 document on exact t-SNE and defaults new nodes to Barnes-Hut', () => {
    expect(tsneNode.migrate!({ perplexity: 20 }, 1)).toEqual({ perplexity: 20, method: 'exact' })
    expect(tsneNode.migrate!({ method: 'barnes_hut' }, 2)).toEqual({ method: 'barnes_hut' })
    expect(params(tsneNode, {})).toMatchObject({ method: 'barnes_hut', angle: 0.5, perplexity: 30, iterations: 1000, init: 'pca' })
  })

  it('says how many rows each method takes', async () => {
    const many = { ...iris(), rows: 3001, columns: iris().columns.map((c) => ('values' in c ? { ...c, values: new Float64Array(3001) } : { ...c, codes: new Int32Array(3001) })) }
    await expect(runNode(tsneNode, { data: many }, { method: 'exact' })).rejects.toThrow('t-SNE (exact) takes at most 3000 rows; this table has 3001. Sample the rows first.')
  })
})
