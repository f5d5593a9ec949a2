import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { RunReport } from '../../../runtime/exec/events'
import type { Registry } from '../../../runtime/registry'
import type { Figure, PartResult } from '../report'
import { benchGraph, missingTypes, nodeOfType, withParams, writeGraph } from '../lib/graphs'
import { bundleScript, CLI, warmCli } from '../lib/cli-bundle'
import { lastJson, runTs } from '../lib/proc'
import { best as fastest } from '../lib/stats'

export interface OverheadOptions {
  rows: number
  epochs: number
  repeats: number
  /** Time scikit-learn's MLPClassifier on the same shape (needs /usr/bin/python3 with scikit-learn). */
  sklearn?: boolean
}

interface HandReport {
  trainMs: number
  accuracy: number
}

const HAND = 'tests/bench/handwritten-mlp.ts'
const SKLEARN_MLP = fileURLToPath(new URL('../lib/sklearn-mlp.py', import.meta.url))
const PYTHON = '/usr/bin/python3'

interface SklearnMlp {
  wallMs: number
  cpuMs: number
  accuracy: number
}

/** scikit-learn's MLPClassifier on the bench shape (tests/bench/lib/sklearn-mlp.py); a sentence when it cannot run. */
function sklearnMlp(o: OverheadOptions): SklearnMlp | string {
  const r = spawnSync(PYTHON, [SKLEARN_MLP, String(o.rows), String(o.epochs), String(o.repeats)], { encoding: 'utf8', timeout: 600_000 })
  if (r.status !== 0) return `scikit-learn did not run: ${(r.stderr || String(r.error ?? '')).trim().slice(-200)}`
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as SklearnMlp
}

function sklearnFigure(trainMs: number, sklearn: SklearnMlp | string): Figure {
  const base = { key: 'mlpVsSklearnRatio', label: 'graph training / scikit-learn MLPClassifier', unit: 'x' as const, target: { op: '<=' as const, value: 2 } }
  if (typeof sklearn === 'string') return { ...base, value: null, note: sklearn }
  const note = `${(trainMs / 1000).toFixed(2)} s vs ${(sklearn.wallMs / 1000).toFixed(2)} s wall (scikit-learn CPU ${(sklearn.cpuMs / 1000).toFixed(2)} s, accuracy ${sklearn.accuracy.toFixed(3)})`
  return { ...base, value: trainMs / sklearn.wallMs, note }
}

/** The bench MLP graph sized for this run (rows, epochs). */
export function mlpGraph(o: Pick<OverheadOptions, 'rows' | 'epochs'>) {
  const doc = benchGraph('mlp')
  const data = nodeOfType(doc, 'data.classification')
  const fit = nodeOfType(doc, 'train.fit')
  return { doc: withParams(doc, { [data]: { samples: o.rows }, [fit]: { epochs: o.epochs } }), fit }
}

const unmeasured = (note: string): Figure[] => [
  { key: 'overheadRatio', label: 'graph (CLI) / hand-written, process wall', value: null, unit: 'x', target: { op: '<=', value: 1.05 }, note },
  { key: 'overheadTrainRatio', label: 'graph / hand-written, training time', value: null, unit: 'x', target: { op: '<=', value: 1.05 }, note },
  { key: 'fitVsLoopRatio', label: 'hand-written model.fit / custom loop', value: null, unit: 'x', note },
]

/**
 * The CLI running the MLP graph (`--no-cache`) against the same work written by hand, each in
 * a fresh process, interleaved so load from elsewhere hits every variant alike. The reference
 * is the faster hand-written variant, so the ratio shows what the graph costs over the best
 * script a user could write; model.fit vs the custom loop says which path train.fit should use.
 */
export async function measureOverhead(registry: Registry, o: OverheadOptions): Promise<PartResult> {
  const { doc, fit } = mlpGraph(o)
  const missing = missingTypes(doc, registry)
  if (missing.length) return { figures: unmeasured(`node types not available yet: ${missing.join(', ')}`) }
  const dir = await mkdtemp(join(tmpdir(), 'bench-overhead-'))
  type Run = { wall: number; cpu: number; train: number }
  const runs = { cli: [] as Run[], fit: [] as Run[], loop: [] as Run[] }
  const accuracy: Record<string, number> = {}
  try {
    const graphPath = await writeGraph(dir, 'mlp', doc)
    // Both sides start as one bundled module without a loader: the CLI through its launcher.
    await warmCli()
    const hand = await bundleScript(HAND)
    const handArgs = ['--rows', String(o.rows), '--epochs', String(o.epochs), '--backend', 'wasm']
    for (let r = 0; r < o.repeats; r++) {
      const cli = await runTs(CLI, ['run', graphPath, '--json', '--no-cache', '--backend', 'wasm'], { tsx: false })
      const report = lastJson<RunReport>(cli, 'the CLI')
      const fitReport = report.nodes[fit]
      if (fitReport?.status !== 'ran' || fitReport.ms === undefined) {
        throw new Error(`the bench graph's train node did not run: ${fitReport?.error ?? fitReport?.status}`)
      }
      runs.cli.push({ wall: cli.wallMs, cpu: cli.cpuMs, train: fitReport.ms })
      for (const s of Object.values(report.nodes)) if (typeof s.summary?.accuracy === 'number' && s.type.startsWith('metric.')) accuracy.graph = s.summary.accuracy
      for (const mode of ['fit', 'loop'] as const) {
        const handRun = await runTs(hand, [...handArgs, '--mode', mode], { tsx: false })
        const h = lastJson<HandReport>(handRun, `the hand-written script (${mode})`)
        runs[mode].push({ wall: handRun.wallMs, cpu: handRun.cpuMs, train: h.trainMs })
        accuracy[mode] = h.accuracy
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  const sklearn = o.sklearn ? sklearnMlp(o) : 'skipped in the quick run'
  const m = (k: keyof typeof runs, f: keyof Run) => fastest(runs[k].map((x) => x[f]))
  const best = m('fit', 'train') <= m('loop', 'train') ? 'fit' : 'loop'
  const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`
  return {
    figures: [
      {
        key: 'overheadRatio',
        label: 'graph (CLI) / hand-written, process wall',
        value: m('cli', 'wall') / m(best, 'wall'),
        unit: 'x',
        target: { op: '<=', value: 1.05 },
        note: `${fmt(m('cli', 'wall'))} vs ${fmt(m(best, 'wall'))} (hand-written ${best}); best of ${o.repeats} each`,
      },
      {
        key: 'overheadCpuRatio',
        label: 'graph (CLI) / hand-written, process CPU time',
        value: m('cli', 'cpu') / m(best, 'cpu'),
        unit: 'x',
        target: { op: '<=', value: 1.05 },
        note: `${fmt(m('cli', 'cpu'))} vs ${fmt(m(best, 'cpu'))}; steadier than wall time when the machine is shared`,
      },
      {
        key: 'overheadTrainRatio',
        label: 'graph / hand-written, training time',
        value: m('cli', 'train') / m(best, 'train'),
        unit: 'x',
        target: { op: '<=', value: 1.05 },
        note: `train.fit ${fmt(m('cli', 'train'))} vs ${fmt(m(best, 'train'))}`,
      },
      {
        key: 'trainVsLoopRatio',
        label: 'graph / hand-written tfjs loop, training time',
        value: m('cli', 'train') / m('loop', 'train'),
        unit: 'x',
        target: { op: '<=', value: 1.02 },
        note: `train.fit ${fmt(m('cli', 'train'))} vs the optimizer.minimize loop ${fmt(m('loop', 'train'))}`,
      },
      sklearnFigure(m('cli', 'train'), sklearn),
      {
        key: 'fitVsLoopRatio',
        label: 'hand-written model.fit / custom loop',
        value: m('fit', 'train') / m('loop', 'train'),
        unit: 'x',
        target: { op: '>=', value: 1 },
        note: `${fmt(m('fit', 'train'))} vs ${fmt(m('loop', 'train'))}; the faster of the two is the hand-written reference above`,
      },
    ],
    details: { rows: o.rows, epochs: o.epochs, runs, accuracy, reference: best, sklearn },
  }
}
