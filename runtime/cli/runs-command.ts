import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import type { GraphDocument } from '../document/schema'
import type { RunReport } from '../exec/events'
import { DirRunHistory } from '../history/dir-history'
import { findRun, KEEP_RUNS, metricTable, paramDiff, runEntry, type CurveCollector, type RunEntry } from '../history/run-entry'
import { defaultCacheDir, UsageError, type CacheChoice } from './open-cache'

export const RUNS_USAGE = `  pipeline runs [--json] [--cache-dir DIR]              every recorded run, newest first
  pipeline runs compare A B [--json] [--cache-dir DIR]  params that differ and metrics side by side (A, B: run ids or their starts)`

export const RUNS_HELP = `Every pipeline run with a cache directory records itself in DIR/runs (graph hash, changed params, metrics,
curves, time, backend); runs with --cache-url or --no-cache are not recorded. It keeps the newest ${KEEP_RUNS} runs.`

/** The cache directory the flags name (the default one when none is given), or undefined for S3 / no cache. */
async function historyDir(flags: CacheChoice): Promise<string | undefined> {
  if (flags['cache-url'] !== undefined || flags['no-cache']) return undefined
  return flags['cache-dir'] ? resolve(flags['cache-dir']) : await defaultCacheDir()
}

/**
 * The run history of the cache directory the flags name, for one `pipeline run` of `scope`: the graph's
 * previous run is read at once, while the run goes on (a cached re-run ends a few ms sooner), and `record`
 * adds the finished run, a failure there being a warning, never a failed run. Nothing for S3 or --no-cache.
 */
export function runRecorder(flags: CacheChoice, scope: string) {
  const history = historyDir(flags).then((dir) => (dir ? new DirRunHistory(dir) : undefined))
  // An unreadable history has no previous run; the record still tries to add this one.
  const previous = history.then((h) => h?.latest(scope)).catch(() => undefined)
  return {
    async record(doc: GraphDocument, report: RunReport, curves: CurveCollector): Promise<void> {
      const h = await history
      if (!h) return
      try {
        await h.add(runEntry(doc, report, scope, await previous, curves))
      } catch (e) {
        console.error(`warning: this run was not added to the run history: ${(e as Error).message}`)
      }
    },
  }
}

/** `pipeline runs` and `pipeline runs compare A B`. */
export async function runsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, 'cache-dir': { type: 'string' } },
  })
  const runs = await new DirRunHistory((await historyDir(values))!).list()
  if (positionals.length === 0) {
    if (values.json) process.stdout.write(JSON.stringify(runs) + '\n')
    else if (!runs.length) console.log('No runs recorded in this cache directory yet.')
    else for (const r of runs) console.log(runLine(r))
    return 0
  }
  if (positionals[0] !== 'compare' || positionals.length !== 3) throw new UsageError('runs takes no argument, or: compare A B.')
  const [a, b] = positionals.slice(1).map((ref) => findRun(runs, ref))
  if (typeof a === 'string' || typeof b === 'string') {
    console.error([a, b].filter((x) => typeof x === 'string').join('\n'))
    return 1
  }
  const params = paramDiff(a.params, b.params)
  const metrics = metricTable(a, b)
  if (values.json) {
    process.stdout.write(JSON.stringify({ a: a.id, b: b.id, params, metrics }) + '\n')
    return 0
  }
  console.log(`A ${runLine(a)}\nB ${runLine(b)}\n\nParams that differ (A → B):`)
  for (const p of params) console.log(`  ${p.node}.${p.param}: ${show(p.a)} → ${show(p.b)}`)
  if (!params.length) console.log('  none')
  console.log('\nMetrics (A | B):')
  for (const m of metrics) console.log(`  ${m.node}.${m.metric}: ${num(m.a)} | ${num(m.b)}`)
  return 0
}

const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v))
const num = (v: number | undefined) => (v === undefined ? '—' : Number(v.toPrecision(6)).toString())

/** One line per run: id, time, title, counts, time taken, backend, what changed, the main numbers. */
function runLine(r: RunEntry): string {
  const metrics = Object.values(r.metrics)
    .flatMap((m) => Object.entries(m))
    .slice(0, 4)
    .map(([k, v]) => `${k}=${num(v)}`)
    .join(' ')
  const changed = r.changed.length ? `  changed: ${r.changed.join(', ')}` : ''
  return `${r.id}  ${r.at}  ${r.title || '(untitled)'}  ${r.ran} ran, ${r.cached} cached, ${r.failed} failed in ${r.ms} ms on ${r.backend}${changed}${metrics ? `  ${metrics}` : ''}`
}
