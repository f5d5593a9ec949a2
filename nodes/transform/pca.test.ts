import { describe, expect, it } from 'vitest'
import type { Dataset } from '../../runtime/values/dataset'
import { cells, runNode, table } from '../../tests/support/table-testing'
import { pcaNode, type PcaState } from './pca'

// Lindsay Smith's PCA tutorial data; reference values from numpy SVD with scikit-learn's sign rule.
const tutorial = () =>
  table(
    {
      x: [2.5, 0.5, 2.2, 1.9, 3.1, 2.3, 2.0, 1.0, 1.5, 1.1],
      y: [2.4, 0.7, 2.9, 2.2, 3.0, 2.7, 1.6, 1.1, 1.6, 0.9],
      label: ['a', 'b', 'a', 'a', 'a', 'a', 'b', 'b', 'b', 'b'],
    },
    'label',
  )

describe('transform.pca', () => {
  it('matches the textbook components, variances and projections', async () => {
    const out = (await runNode(pcaNode, { data: tutorial() })).data as Dataset
    const s = out.steps.at(-1)!.state as unknown as PcaState
    expect(s.components[0][0]).toBeCloseTo(0.6778734, 6)
    expect(s.components[0][1]).toBeCloseTo(0.7351787, 6)
    expect(s.components[1][0]).toBeCloseTo(0.7351787, 6)
    expect(s.components[1][1]).toBeCloseTo(-0.6778734, 6)
    expect(s.explainedVariance[0]).toBeCloseTo(1.2840277, 6)
    expect(s.explainedVariance[1]).toBeCloseTo(0.0490834, 6)
    expect(out.columns.map((c) => c.name)).toEqual(['PC1', 'PC2', 'label'])
    const pc1 = cells(out, 'PC1') as number[]
    const pc2 = cells(out, 'PC2') as number[]
    expect(pc1[0]).toBeCloseTo(0.8279702, 6)
    expect(pc2[0]).toBeCloseTo(0.1751153, 6)
    expect(pc1[1]).toBeCloseTo(-1.7775803, 6)
    expect(pcaNode.summarize!({ data: out }, {} as never)).toMatchObject({ fittedOn: 'all rows', components: 2 })
  })

  it('keeps the fewest components whose explained variance exceeds the target', async () => {
    const keep = async (variance: number) =>
      ((await runNode(pcaNode, { data: tutorial() }, { mode: 'variance', variance })).data as Dataset).columns.length - 1
    expect(await keep(0.9)).toBe(1) // 0.9632 > 0.9
    expect(await keep(0.97)).toBe(2)
  })

  it('asks for imputation and encoding first', async () => {
    await expect(runNode(pcaNode, { data: table({ a: [1, null, 3], b: [1, 2, 3] }) })).rejects.toThrow('PCA needs complete data: "a" has missing values')
    await expect(runNode(pcaNode, { data: table({ c: ['u', 'v'] }) })).rejects.toThrow('no numeric feature columns')
  })
})
