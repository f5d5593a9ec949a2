/**
 * `npm run test:reliability`: fuzzed documents and CSVs, corrupted caches, killed and concurrent
 * runs, repeated runs, hostile content, path cases; prints one table. `--full` (or
 * RELIABILITY_BUDGET=full) runs the published sizes (tens of minutes); the default is the small
 * budget `npm test` runs. Exit 1 when any row has a crash, hang, wrong result or lost data.
 */
import { runSuite } from './suite'
import { BUDGETS, failures, formatTable } from './table'

const full = process.argv.includes('--full') || process.env.RELIABILITY_BUDGET === 'full'
// RELIABILITY_SIZES='{"kills":5}' changes single rows (0 skips a row), e.g. to split a full run.
const budget = { ...(full ? BUDGETS.full : BUDGETS.small), ...JSON.parse(process.env.RELIABILITY_SIZES ?? '{}') }
const started = Date.now()
const rows = await runSuite(budget, (row) => console.error(`${row.name}: ${row.tried} tried in ${((Date.now() - started) / 1000).toFixed(0)} s`))
console.log(formatTable(rows))
console.log(`\n${full ? 'full' : 'small'} budget, ${((Date.now() - started) / 1000).toFixed(0)} s`)
process.exitCode = rows.some((r) => failures(r) > 0) ? 1 : 0
