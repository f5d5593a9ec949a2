import { describe, expect, it } from 'vitest'
import { categoricalColumn, makeDataset, numericColumn } from '../../ml/table/table'
import { splitNode } from '../../nodes/transform/split'
import type { Splits } from '../../runtime/values/dataset'
import { runNode } from '../support/table-testing'

describe('scale', () => {
  it('splits 600 000 rows (stratified, shuffled) without overflowing the stack', async () => {
    const rows = 600_000
    const x = numericColumn('x', Float64Array.from({ length: rows }, (_, i) => i))
    const y = categoricalColumn('y', Int32Array.from({ length: rows }, (_, i) => i % 3), ['a', 'b', 'c'], 'target')
    const t0 = performance.now()
    const out = (await runNode(splitNode, { data: makeDataset([x, y]) }, { test: 0.2, validation: 0.1, seed: 1 })).data as Splits
    const ms = performance.now() - t0
    expect([out.train.rows, out.validation?.rows, out.test?.rows]).toEqual([420_000, 60_000, 120_000])
    const seen = new Set<number>()
    for (const part of [out.train, out.validation!, out.test!]) for (const v of (part.columns[0] as { values: Float64Array }).values) seen.add(v)
    expect(seen.size).toBe(rows)
    expect(ms).toBeLessThan(20_000)
  }, 60_000)
})
