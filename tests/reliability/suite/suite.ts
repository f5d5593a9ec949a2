import { hostileBrowser } from './browser'
import { cacheRows } from './cache'
import { fuzzCsv } from './csv'
import { fuzzCliDocuments, fuzzDocuments } from './documents'
import { repeatedRuns } from './memory'
import { pathCases } from './paths'
import type { Budget, Row } from './table'

/** Every row of the reliability table, at the given budget, in a fixed order. */
export async function runSuite(budget: Budget, log: (row: Row) => void = () => undefined): Promise<Row[]> {
  const rows: Row[] = []
  const add = (row: Row) => {
    rows.push(row)
    log(row)
  }
  if (budget.documents) add(fuzzDocuments(budget.documents))
  if (budget.cliDocuments) add(await fuzzCliDocuments(budget.cliDocuments))
  if (budget.csv) add(await fuzzCsv(budget.csv))
  if (budget.corruptions || budget.kills || budget.concurrent) {
    const cache = await cacheRows(budget)
    add(cache.corruption)
    add(cache.kills)
    add(cache.concurrent)
  }
  if (budget.repeats) add(await repeatedRuns(budget.repeats))
  if (budget.paths) add(await pathCases())
  if (budget.browser) add(hostileBrowser())
  return rows
}
