import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { GraphDocument } from '../../../runtime/document/schema'
import type { RunReport } from '../../../runtime/exec/events'
import type { PartResult } from '../report'
import { CLI, warmCli } from '../lib/cli-bundle'
import { withParams, writeGraph } from '../lib/graphs'
import { lastJson, ROOT, runTs } from '../lib/proc'
import { median, pairedRatios } from '../lib/stats'

export interface SearchBenchOptions {
  trials: number
  epochs: number
  /** The interrupted run is killed once this many trials finished. */
  interruptAfter: number
  /**
   * Epochs a trial of the interrupted search: long enough that the CLI's progress lines (at most one
   * per 0.5 s) name the trial it is killed at before the search ends.
   */
  resumeEpochs: number
  /** Cold runs with 1 and with 2 workers, back to back, for the speed-up's median. */
  pairs: number
}

/** The tuned-MLP example as a plain random search of `trials` trials (no halving), `epochs` per trial. */
async function searchGraph(o: SearchBenchOptions): Promise<GraphDocument> {
  const doc = JSON.parse(await readFile(join(ROOT, 'examples/two-moons-mlp-search.json'), 'utf8')) as GraphDocument
  return withParams(doc, { train: { epochs: o.epochs }, search: { trials: o.trials, halvingNode: '' } })
}

/** Starts the CLI and kills it (SIGKILL) as soon as it reports `trials` finished trials. */
function runUntilTrial(path: string, cacheDir: string, trials: number): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn('sh', [CLI, 'run', path, '--cache-dir', cacheDir, '--backend', 'wasm', '--workers', '1'], { cwd: ROOT })
    let out = ''
    let seen = 0
    // The CLI thins out progress lines, so the highest trial number printed tells how far it got.
    const watch = (d: Buffer) => {
      out += d
      for (const m of out.matchAll(/trial (\d+):/g)) seen = Math.max(seen, Number(m[1]))
      if (seen >= trials) child.kill('SIGKILL')
    }
    child.stdout.on('data', watch)
    child.stderr.on('data', watch)
    // A search that ends before a thinned-out progress line names the trial (--quick: trials of a few ms) ran to its end.
    child.on('close', (code) => (seen >= trials || code === 0 ? done(seen) : fail(new Error(`the search stopped after ${seen} trials: ${out.slice(-400)}`))))
  })
}

/**
 * A 20-trial random search (the tuned-MLP example) through the CLI, each a fresh process with
 * its own cache directory: cold with 1 worker and with 2 (`pairs` times, back to back), the same search re-run (every trial
 * cached), and a search of longer trials killed after 10 trials then resumed (10 cached, 10 run).
 */
export async function measureSearch(o: SearchBenchOptions): Promise<PartResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-search-'))
  try {
    const path = await writeGraph(dir, 'search', await searchGraph(o))
    const longer = await writeGraph(dir, 'search-longer', await searchGraph({ ...o, epochs: o.resumeEpochs }))
    await warmCli()
    const args = (cache: string, workers: string, graph: string) => ['run', graph, '--cache-dir', join(dir, cache), '--backend', 'wasm', '--workers', workers]
    const cli = async (cache: string, workers: string, graph = path) => {
      const run = await runTs(CLI, [...args(cache, workers, graph), '--json'], { tsx: false, timeoutMs: 900_000 })
      const report = lastJson<RunReport>(run, `the search with --workers ${workers}`)
      if (report.nodes.search.status !== 'ran' && report.nodes.search.status !== 'cached') throw new Error(`search: ${report.nodes.search.error}`)
      return { wall: run.wallMs, report }
    }
    const pairs: { one: Awaited<ReturnType<typeof cli>>; two: Awaited<ReturnType<typeof cli>> }[] = []
    for (let r = 0; r < o.pairs; r++) pairs.push({ one: await cli(`one-${r}`, '1'), two: await cli(`two-${r}`, '2') })
    const { one } = pairs[0]
    const ratios = pairedRatios(pairs.map((p) => p.one.wall), pairs.map((p) => p.two.wall))
    const rerun = await cli('one-0', '1')
    const longerFirst = await cli('longer', '1', longer)
    await runUntilTrial(longer, join(dir, 'resume'), o.interruptAfter)
    const resumed = await cli('resume', '1', longer)
    const bestTrial = (r: RunReport) => JSON.stringify(r.nodes.search.summary)
    const sameBest = pairs.every((p) => bestTrial(p.one.report) === bestTrial(one.report) && bestTrial(p.two.report) === bestTrial(one.report))
    const cachedOnResume = Number(resumed.report.nodes.search.summary?.['cached trials'])
    return {
      figures: [
        { key: 'searchFirstMs', label: `${o.trials}-trial search, first run (CLI wall, 1 worker)`, value: one.wall, unit: 'ms' },
        {
          key: 'searchResumedMs',
          label: `a search resumed after a kill at trial ${o.interruptAfter}`,
          value: resumed.wall,
          unit: 'ms',
          note: `${o.resumeEpochs} epochs a trial; ${cachedOnResume} trials cached on resume; ${(resumed.wall / longerFirst.wall).toFixed(2)} of its first run`,
        },
        { key: 'searchRerunMs', label: 'the same search run again (every trial cached)', value: rerun.wall, unit: 'ms', note: `${(rerun.wall / one.wall).toFixed(3)} of the first run` },
        {
          key: 'searchPoolSpeedup',
          label: `${o.trials}-trial search: 1 worker / 2 workers (CLI wall)`,
          value: median(ratios),
          unit: 'x',
          // Not slower: the trials are too short to win back a pool thread's start (tests/bench/README.md).
          target: { op: '>=', value: 0.95 },
          note: `median of ${o.pairs} back-to-back pairs (${ratios.map((r) => r.toFixed(2)).join(', ')}), each a fresh cache directory; ${sameBest ? 'same' : 'DIFFERENT'} best trial in all`,
        },
        { key: 'searchResumeCachedTrials', label: 'trials found cached on resume', value: cachedOnResume, unit: 'count', target: { op: '>=', value: o.interruptAfter } },
      ],
      details: { trials: o.trials, epochs: o.epochs, wall: { one: pairs.map((p) => p.one.wall), two: pairs.map((p) => p.two.wall), rerun: rerun.wall, longerFirst: longerFirst.wall, resumed: resumed.wall } },
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
