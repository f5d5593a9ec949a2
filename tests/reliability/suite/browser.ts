import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { newRow, record, type Row } from './table'

/** Hostile content in Chromium: each scenario of hostile.e2e.ts is one case (it builds and serves the app). */
export function hostileBrowser(): Row {
  const row = newRow('hostile content in Chromium')
  const out = join(mkdtempSync(join(tmpdir(), 'mlcanvas-hostile-')), 'report.json')
  const run = spawnSync(
    'npx',
    ['vitest', 'run', '--config', 'vitest.browser.config.ts', 'tests/reliability/hostile.e2e.ts', '--reporter=json', `--outputFile=${out}`],
    { stdio: 'ignore', timeout: 600_000 },
  )
  let report: { testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[] }
  try {
    report = JSON.parse(readFileSync(out, 'utf8'))
  } catch {
    record(row, run.signal ? 'hang' : 'crash', `no report from the browser run (exit ${run.status ?? run.signal})`)
    return row
  }
  for (const t of report.testResults.flatMap((f) => f.assertionResults)) {
    const executed = t.failureMessages.some((m) => /__pwned|img\[src|dialog/.test(m))
    record(row, t.status === 'passed' ? 'clean' : executed ? 'wrong' : 'crash', `${t.title}: ${t.failureMessages.join(' ').slice(0, 300)}`)
  }
  return row
}
