import { describe, expect, it } from 'vitest'
import { runSuite } from './suite/suite'
import { BUDGETS, formatTable } from './suite/table'

describe('reliability suite (small budget; `npm run test:reliability -- --full` for the published table)', () => {
  it('no crash, hang, wrong result or lost data in any row', async () => {
    const rows = await runSuite(BUDGETS.small)
    const table = formatTable(rows)
    for (const row of rows) {
      expect(row.tried, table).toBeGreaterThan(0)
      expect({ row: row.name, crash: row.crash, hang: row.hang, wrong: row.wrong, lost: row.lost }, table).toEqual({ row: row.name, crash: 0, hang: 0, wrong: 0, lost: 0 })
    }
  }, 120_000)
})
