import { spawn } from 'node:child_process'
import { cp, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { cli, type CliResult } from '../cli'
import { newRow, pick, record, rng, type Outcome, type Row } from './table'

interface Report {
  nodes: Record<string, { status: string; summary?: unknown }>
}

/** The graph these rows run: the iris example (a model trained with tfjs, metrics at the end). */
const GRAPH = resolve('examples/iris-logistic-regression.json')

const summaries = (stdout: string) => {
  const report = JSON.parse(stdout) as Report
  return JSON.stringify(Object.entries(report.nodes).map(([id, n]) => [id, n.status === 'error' ? 'error' : n.summary]))
}

/** How a run that should reproduce the reference ended. */
function judge(r: CliResult, reference: string): { outcome: Outcome; note: string } {
  const note = `exit ${r.code ?? r.signal}: ${r.stderr.slice(0, 300)}`
  if (r.signal) return { outcome: 'hang', note }
  if (r.code !== 0) return { outcome: /\n\s+at .*:\d+:\d+/.test(r.stderr) ? 'crash' : 'lost', note }
  return summaries(r.stdout) === reference ? { outcome: 'ok', note } : { outcome: 'wrong', note: `different results: ${diffNote(summaries(r.stdout), reference)}` }
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(join(e.parentPath, e.name))
  return out.sort()
}

export interface CacheRows {
  corruption: Row
  kills: Row
  concurrent: Row
}

/** Cache corruption, SIGKILL mid-run and two processes on one cache, all judged against a run without cache. */
export async function cacheRows(budget: { corruptions: number; kills: number; concurrent: number }, seed = 4): Promise<CacheRows> {
  const random = rng(seed)
  const work = await mkdtemp(join(tmpdir(), 'mlcanvas-cache-fuzz-'))
  const run = (cache: string, timeoutMs = 180_000) => cli(['run', GRAPH, '--json', '--cache-dir', cache], { timeoutMs })
  const reference = summaries((await cli(['run', GRAPH, '--json', '--no-cache'])).stdout)
  const pristine = join(work, 'pristine')
  await run(pristine)
  const graphBefore = await readFile(GRAPH, 'utf8')

  const corruption = newRow('cache corruption')
  for (let i = 0; i < budget.corruptions; i++) {
    const dir = join(work, `c${i}`)
    await cp(pristine, dir, { recursive: true })
    const files = await filesUnder(dir)
    const target = pick(random, files)
    const size = (await stat(target)).size
    const damage = pick(random, ['flip', 'truncate', 'zero', 'swap'] as const)
    if (damage === 'flip') {
      const bytes = await readFile(target)
      if (bytes.length) bytes[Math.floor(random() * bytes.length)] ^= 1 << Math.floor(random() * 8)
      await writeFile(target, bytes)
    } else if (damage === 'truncate') await truncate(target, Math.floor(random() * size))
    else if (damage === 'zero') await writeFile(target, new Uint8Array(size))
    else {
      const other = pick(random, files.filter((f) => f !== target && f.slice(-4) === target.slice(-4))) ?? target
      const [a, b] = [await readFile(target), await readFile(other)]
      await writeFile(target, b)
      await writeFile(other, a)
    }
    const result = await run(dir)
    const { outcome, note } = judge(result, reference)
    if (process.env.RELIABILITY_DEBUG && outcome !== 'ok') console.error(damage, target, result.stdout)
    record(corruption, outcome, `case ${i} (${damage} ${target.slice(dir.length)}): ${note}`)
    await rm(dir, { recursive: true, force: true })
  }

  const kills = newRow('SIGKILL mid-run, then re-run')
  for (let i = 0; i < budget.kills; i++) {
    const dir = join(work, `k${i}`)
    const child = spawn(process.execPath, ['runtime/cli/bin.mjs', 'run', GRAPH, '--cache-dir', dir], { stdio: 'ignore' })
    await new Promise((r) => setTimeout(r, 300 + random() * 4000))
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
    const { outcome, note } = judge(await run(dir), reference)
    record(kills, outcome, `case ${i}: ${note}`)
    await rm(dir, { recursive: true, force: true })
  }

  const concurrent = newRow('two processes, one cache')
  for (let i = 0; i < budget.concurrent; i++) {
    const dir = join(work, `p${i}`)
    const both = await Promise.all([run(dir), run(dir)])
    const verdicts = both.map((r) => judge(r, reference))
    const bad = verdicts.find((v) => v.outcome !== 'ok')
    record(concurrent, bad?.outcome ?? 'ok', `case ${i}: ${bad?.note}`)
    await rm(dir, { recursive: true, force: true })
  }

  // Nothing the user made may change: the graph file is read, never written.
  if ((await readFile(GRAPH, 'utf8')) !== graphBefore) record(corruption, 'lost', 'the graph file changed')
  await rm(work, { recursive: true, force: true })
  return { corruption, kills, concurrent }
}

/** The first node whose result differs, both ways. */
function diffNote(got: string, want: string): string {
  const g = JSON.parse(got) as [string, unknown][]
  const w = new Map(JSON.parse(want) as [string, unknown][])
  const first = g.find(([id, s]) => JSON.stringify(s) !== JSON.stringify(w.get(id)))
  return first ? `${first[0]}: got ${JSON.stringify(first[1]).slice(0, 200)}, expected ${JSON.stringify(w.get(first[0])).slice(0, 200)}` : 'node lists differ'
}
