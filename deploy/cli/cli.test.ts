import { spawn } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Papa from 'papaparse'
import { beforeAll, describe, expect, it } from 'vitest'
import { cli as runCli } from '../../tests/reliability/cli'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import { loadScorer } from '../scorer/scorer'
import { CUSTOMERS_CSV, customersGraph } from '../testing/customers'
import { readBundleDir } from './bundle-dir'

const CLI = resolve('runtime/cli/bin.mjs')

/** Runs the CLI in a new process (tests/reliability/cli.ts); resolves with exit code, stdout and stderr. */
const cli = (...args: string[]) => runCli(args)

let dir: string
const at = (...p: string[]) => join(dir, ...p)
const parse = (text: string) => Papa.parse<string[]>(text.trim(), { skipEmptyLines: true }).data

beforeAll(async () => {
  await setupNodeBackend('cpu')
  dir = await mkdtemp(join(tmpdir(), 'mlcanvas-deploy-'))
  await mkdir(at('data'))
  await copyFile(CUSTOMERS_CSV, at('data', 'messy-customers.csv'))
  await writeFile(at('graph.json'), JSON.stringify(customersGraph(['model.decision-tree', { maxDepth: 3 }])))
})

describe('pipeline export / predict', () => {
  it('exports the Export node\'s bundle, then reuses the cached model', async () => {
    const first = await cli('export', at('graph.json'), '--node', 'export', '-o', at('churn'), '--cache-dir', at('cache'))
    expect(first.stderr).toContain('ran train')
    expect(first.code).toBe(0)
    expect((await readdir(at('churn'))).sort()).toEqual(['bundle.json', 'lineage.json', 'model-state.json'])
    const again = await cli('export', at('graph.json'), '--node', 'export', '-o', at('churn'), '--cache-dir', at('cache'))
    expect(again.code).toBe(0)
    expect(again.stderr).toContain('cached export')
    expect(again.stderr).not.toContain('ran ')
  })

  it('scores a CSV into one output row per input row with the prediction and class probabilities', async () => {
    const r = await cli('predict', at('churn'), CUSTOMERS_CSV, '-o', at('out.csv'))
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const input = parse(await readFile(CUSTOMERS_CSV, 'utf8'))
    const output = parse(await readFile(at('out.csv'), 'utf8'))
    expect(output[0]).toEqual([...input[0], 'prediction', 'probability_no', 'probability_yes'])
    expect(output.length).toBe(input.length)
    const scorer = await loadScorer(await readBundleDir(at('churn')))
    const out = scorer.scoreCells(input[0], input.slice(1))
    output.slice(1).forEach((row, i) => {
      expect(row.slice(0, input[0].length)).toEqual(input[i + 1])
      expect(row.slice(-3)).toEqual([scorer.bundle.model.classes![out.predicted[i]], String(out.probabilities![2 * i]), String(out.probabilities![2 * i + 1])])
    })
    const fromGraph = await cli('predict', '--graph', at('graph.json'), '--node', 'export', CUSTOMERS_CSV, '-o', at('out2.csv'), '--cache-dir', at('cache'))
    expect(fromGraph.code).toBe(0)
    expect(await readFile(at('out2.csv'), 'utf8')).toBe(await readFile(at('out.csv'), 'utf8'))
  })

  it('scores a semicolon CSV with decimal commas as the loader reads it, and writes its numbers the same way', async () => {
    // The same rows twice, incomes with cents: "44000.5" in a comma file, "44.000,5" in a semicolon one.
    const rows = parse(await readFile(CUSTOMERS_CSV, 'utf8'))
    const income = rows[0].indexOf('income')
    const cents = rows.map((r) => r.map((c, j) => (j === income && /^\d+$/.test(c) ? `${c}.5` : c)))
    const comma = (c: string) => (/^\d+\.\d+$/.test(c) ? `${Number(c).toLocaleString('de-DE')}` : c)
    await writeFile(at('points.csv'), Papa.unparse(cents, { newline: '\n' }))
    await writeFile(at('commas.csv'), Papa.unparse(cents.map((r) => r.map(comma)), { delimiter: ';', newline: '\n' }))
    expect((await readFile(at('commas.csv'), 'utf8')).split('\n')[1]).toBe('C001;39;Chicago;44.000,5;Basic;2;yes')
    for (const name of ['points', 'commas']) expect((await cli('predict', at('churn'), at(`${name}.csv`), '-o', at(`${name}-out.csv`))).code).toBe(0)
    const points = parse(await readFile(at('points-out.csv'), 'utf8'))
    const commas = Papa.parse<string[]>((await readFile(at('commas-out.csv'), 'utf8')).trim(), { delimiter: ';' }).data
    expect(commas.length).toBe(points.length)
    // Same predictions; probabilities as 0,25 where the points file has 0.25.
    commas.forEach((row, i) => expect(row.slice(-3)).toEqual(points[i].slice(-3).map((c) => c.replace('.', ','))))
    expect(commas.slice(1).some((r) => r.at(-1)!.includes(','))).toBe(true)
    // Incomes formatted as a spreadsheet shows amounts ("$44,000.50"): the same predictions and probabilities.
    const dollars = (c: string) => (/^\d+\.\d+$/.test(c) ? `$${Number(c).toLocaleString('en-US', { minimumFractionDigits: 2 })}` : c)
    await writeFile(at('dollars.csv'), Papa.unparse(cents.map((r) => r.map(dollars)), { newline: '\n' }))
    expect((await readFile(at('dollars.csv'), 'utf8')).split('\n')[1]).toBe('C001,39,Chicago,"$44,000.50",Basic,2,yes')
    expect((await cli('predict', at('churn'), at('dollars.csv'), '-o', at('dollars-out.csv'))).code).toBe(0)
    const amounts = parse(await readFile(at('dollars-out.csv'), 'utf8'))
    amounts.forEach((row, i) => expect(row.slice(-3)).toEqual(points[i].slice(-3)))
  })

  it('stops at a bad cell, naming its row and column, and leaves no output file', async () => {
    await writeFile(at('bad.csv'), 'age,city,income,plan,visits\n40,Boston,50000,Basic,3\n41,Boston,lots,Basic,3\n')
    const r = await cli('predict', at('churn'), at('bad.csv'), '-o', at('bad-out.csv'))
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('row 2, column income: expected a number, got "lots"')
    expect(await readdir(dir)).not.toContain('bad-out.csv')
    const usage = await cli('predict', at('churn'))
    expect(usage.code).toBe(2)
    expect(usage.stderr).toContain('pipeline serve <bundle-dir|bundle.zip>...')
  })
})

describe('pipeline serve', () => {
  it('serves the bundle over HTTP and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', at('churn'), '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    const address = await new Promise<string>((ok, fail) => {
      child.stdout.on('data', (d) => {
        stdout += d
        const m = stdout.match(/at (http:\/\/\S+) /)
        if (m) ok(m[1])
      })
      child.once('exit', (code) => fail(new Error(`serve exited with ${code}`)))
    })
    const res = await fetch(`${address}/v1/models/churn:predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instances: [{ age: 40, city: 'Boston', income: 50000, plan: 'Basic', visits: 3 }] }),
    })
    expect(res.status).toBe(200)
    expect((await res.json()).predictions[0].label).toMatch(/^(yes|no)$/)
    const exited = new Promise<number | null>((ok) => child.once('exit', ok))
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(stdout).toContain('Stopped.')
  })
})
