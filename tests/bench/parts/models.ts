import { spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BOOSTING_DEFAULTS, fitBoosting } from '../../../ml/boosting/gradient-boosting'
import { fitHistBoosting, HIST_DEFAULTS } from '../../../ml/boosting/hist-gradient-boosting'
import { fitLeastSquares } from '../../../ml/linear/least-squares'
import { fitLinearSvc, solveSvrDual } from '../../../ml/linear/liblinear'
import { fitLogistic, LOGISTIC_DEFAULTS } from '../../../ml/linear/logistic'
import { fitSvm, SVM_DEFAULTS } from '../../../ml/svm/svm'
import { forestSteps } from '../../../ml/models/forest'
import { hclustSteps } from '../../../ml/models/hclust'
import { fitTree } from '../../../ml/models/tree'
import { TSNE_DEFAULTS, tsne } from '../../../ml/models/tsne'
import { runToEnd } from '../../../ml/stepwise'
import { seededRandom } from '../../../runtime/exec/rng'
import { loadSplit } from '../../fixtures/sklearn/load'
import type { Figure, PartResult } from '../report'
import { best } from '../lib/stats'

/**
 * Model fit times next to scikit-learn's on the same rows: our fit in this process, scikit-learn's
 * through /usr/bin/python3 (tests/bench/lib/sklearn-fit.py), best of the repeats on each side, in
 * CPU time of the process (wall time swung by 10× on a shared 2-core machine; CPU time includes
 * V8's background GC and compiler threads here and any BLAS threads there).
 * Without python3 + scikit-learn (installed here with apt when missing and running as root) the
 * ratios are reported as skipped.
 */
const PYTHON = '/usr/bin/python3'
const SCRIPT = fileURLToPath(new URL('../lib/sklearn-fit.py', import.meta.url))

interface Data {
  X: Float64Array
  y: Float64Array
  rows: number
  cols: number
}

type Model = 'linear' | 'logistic' | 'linearSvc' | 'linearSvr' | 'tree' | 'forest' | 'svc' | 'boosting' | 'hist' | 'hclust' | 'tsne'

/** Models fitted to a numeric target; the others classify. */
const REGRESSORS: ReadonlySet<Model> = new Set(['linear', 'linearSvr'])

interface Job {
  key: string
  label: string
  model: Model
  data: string
  target: number
  /** Fits per side when not the config's (t-SNE: one, a fit takes seconds). */
  repeats?: number
}

export interface ModelsConfig {
  /** Rows of breast cancer's training split used (all 455 in the full run). */
  smallRows: number
  /** Rows of the large synthetic sets (100 000 in the full run). */
  bigRows: number
  /** Rows of the mid-size set for trees, forests, boosting and SVM. */
  midRows: number
  /** Rows of the t-SNE set (1800 in the full run: the table a user waited 83 s for). */
  tsneRows: number
  repeats: number
  /** Run scikit-learn too (the quick smoke run leaves it out). */
  sklearn: boolean
}

/** Gaussian features; `classify` thresholds a noisy linear score, otherwise it is the score. */
function synthetic(rows: number, cols: number, seed: number, classify: boolean): Data {
  const random = seededRandom(seed)
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  const X = Float64Array.from({ length: rows * cols }, gauss)
  const w = Float64Array.from({ length: cols }, (_, j) => (j % 3 === 0 ? 0 : 1 / (j + 1)))
  const y = new Float64Array(rows)
  for (let i = 0; i < rows; i++) {
    let s = 0.5 * gauss()
    for (let j = 0; j < cols; j++) s += X[i * cols + j] * w[j]
    y[i] = classify ? (s > 0 ? 1 : 0) : s
  }
  return { X, y, rows, cols }
}

/** make_blobs-like clusters: `centers` centres uniform in [−10, 10]^cols, unit-variance rows round them. */
function blobs(rows: number, cols: number, centers: number, seed: number): Data {
  const random = seededRandom(seed)
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
  const C = Float64Array.from({ length: centers * cols }, () => 20 * random() - 10)
  const X = new Float64Array(rows * cols)
  const y = new Float64Array(rows)
  for (let i = 0; i < rows; i++) {
    y[i] = i % centers
    for (let j = 0; j < cols; j++) X[i * cols + j] = C[y[i] * cols + j] + gauss()
  }
  return { X, y, rows, cols }
}

async function ours(model: Model, d: Data): Promise<void> {
  const random = seededRandom(0)
  const all = Int32Array.from({ length: d.rows }, (_, i) => i)
  const treeOptions = { classes: 2, maxDepth: 0, minSamplesSplit: 2, minSamplesLeaf: 1, maxFeatures: d.cols, random }
  if (model === 'linear') fitLeastSquares(d.X, d.rows, d.cols, d.y)
  else if (model === 'logistic') fitLogistic(d.X, d.rows, d.cols, d.y, 2, LOGISTIC_DEFAULTS)
  // The linear SVM / SVR families with nothing wired: LinearSVC / LinearSVR's defaults (exact-linear-svm.ts).
  else if (model === 'linearSvc') fitLinearSvc(d.X, d.rows, d.cols, d.y, 2, { C: 1, tol: 1e-4, maxIter: 1000, random })
  else if (model === 'linearSvr') solveSvrDual(d.X, d.rows, d.cols, d.y, 0, { C: 1, tol: 1e-4, maxIter: 1000, random })
  else if (model === 'tree') fitTree(d.X, d.cols, d.y, all, treeOptions)
  else if (model === 'forest') {
    // The random-forest family's defaults: 100 bootstrap trees, √features tried per split.
    const maxFeatures = Math.max(1, Math.floor(Math.sqrt(d.cols)))
    runToEnd(forestSteps(d.X, d.rows, d.cols, d.y, { ...treeOptions, maxFeatures, trees: 100, bootstrap: true }))
  } else if (model === 'hclust') runToEnd(hclustSteps(d.X, d.rows, d.cols, 3, 'ward'))
  else if (model === 'boosting') await fitBoosting(d, d.cols, 2, BOOSTING_DEFAULTS, { random })
  else if (model === 'hist') await fitHistBoosting(d, d.cols, 2, HIST_DEFAULTS, { random })
  else if (model === 'tsne') await tsne(d.X, d.rows, d.cols, { ...TSNE_DEFAULTS, random })
}

/** CPU milliseconds (user + system) of this process: other load on the machine barely moves it. */
function cpuMs(): number {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}

async function oursMs(model: Model, d: Data, repeats: number): Promise<number> {
  const times: number[] = []
  for (let r = 0; r < repeats; r++) {
    const t0 = cpuMs()
    if (model === 'svc') await fitSvm(d.X, d.rows, d.cols, d.y, 2, SVM_DEFAULTS)
    else await ours(model, d)
    times.push(cpuMs() - t0)
  }
  return best(times)
}

/** Why scikit-learn cannot run, after trying to install it with apt; null when it can. */
function sklearnMissing(): string | null {
  const check = () => spawnSync(PYTHON, ['-c', 'import sklearn'], { encoding: 'utf8' }).status === 0
  if (check()) return null
  if (process.getuid?.() === 0) {
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'python3-sklearn'], { stdio: 'ignore', timeout: 300_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
    if (check()) return null
  }
  return `skipped: ${PYTHON} with scikit-learn not available (apt-get install python3-sklearn)`
}

function sklearnMs(dir: string, jobs: Job[], repeats: number): Record<string, number> {
  const spec = { dir, jobs: jobs.map((j) => ({ key: j.key, model: j.model, data: j.data, classify: !REGRESSORS.has(j.model), repeats: j.repeats ?? repeats })) }
  const r = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(spec), encoding: 'utf8', timeout: 600_000 })
  if (r.status !== 0) throw new Error(`scikit-learn timing failed: ${r.stderr.slice(-400)}`)
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, number>
}

export async function measureModels(c: ModelsConfig): Promise<PartResult> {
  const full = loadSplit('breast_cancer', true).train
  const bc: Data = { X: full.X.slice(0, c.smallRows * full.cols), y: full.y.slice(0, c.smallRows), rows: Math.min(c.smallRows, full.rows), cols: full.cols }
  const sets = new Map<string, Data>([
    ['bc', bc],
    ['bigReg', synthetic(c.bigRows, 20, 11, false)],
    ['bigCls', synthetic(c.bigRows, 20, 11, true)],
    ['mid', synthetic(c.midRows, 20, 12, true)],
    ['midReg', synthetic(c.midRows, 20, 12, false)],
    ['blobs', blobs(c.tsneRows, 64, 10, 13)],
  ])
  const small = `${bc.rows} × 30`
  const big = `${c.bigRows} × 20`
  const mid = `${c.midRows} × 20`
  const jobs: Job[] = [
    { key: 'fitRatio.linear.small', label: `linear regression fit / scikit-learn, ${small}`, model: 'linear', data: 'bc', target: 3 },
    { key: 'fitRatio.linear.big', label: `linear regression fit / scikit-learn, ${big}`, model: 'linear', data: 'bigReg', target: 3 },
    { key: 'fitRatio.logistic.small', label: `logistic regression fit / scikit-learn, ${small}`, model: 'logistic', data: 'bc', target: 3 },
    { key: 'fitRatio.logistic.big', label: `logistic regression fit / scikit-learn, ${big}`, model: 'logistic', data: 'bigCls', target: 3 },
    { key: 'fitRatio.linearSvc.small', label: `linear SVM (LinearSVC) fit / scikit-learn, ${small}`, model: 'linearSvc', data: 'bc', target: 3 },
    { key: 'fitRatio.linearSvc.mid', label: `linear SVM (LinearSVC) fit / scikit-learn, ${mid}`, model: 'linearSvc', data: 'mid', target: 3 },
    { key: 'fitRatio.linearSvr.mid', label: `linear SVR (LinearSVR) fit / scikit-learn, ${mid}`, model: 'linearSvr', data: 'midReg', target: 3 },
    { key: 'fitRatio.tree.small', label: `decision tree fit / scikit-learn, ${small}`, model: 'tree', data: 'bc', target: 2 },
    { key: 'fitRatio.tree.mid', label: `decision tree fit / scikit-learn, ${mid}`, model: 'tree', data: 'mid', target: 2 },
    { key: 'fitRatio.forest.small', label: `random forest (100) fit / scikit-learn, ${small}`, model: 'forest', data: 'bc', target: 2 },
    { key: 'fitRatio.forest.mid', label: `random forest (100) fit / scikit-learn, ${mid}`, model: 'forest', data: 'mid', target: 2 },
    { key: 'fitRatio.svc.small', label: `kernel SVM (rbf) fit / scikit-learn, ${small}`, model: 'svc', data: 'bc', target: 2 },
    { key: 'fitRatio.svc.mid', label: `kernel SVM (rbf) fit / scikit-learn, ${mid}`, model: 'svc', data: 'mid', target: 2 },
    { key: 'fitRatio.boosting.small', label: `gradient boosting fit / scikit-learn, ${small}`, model: 'boosting', data: 'bc', target: 3 },
    { key: 'fitRatio.boosting.mid', label: `gradient boosting fit / scikit-learn, ${mid}`, model: 'boosting', data: 'mid', target: 3 },
    { key: 'fitRatio.histBoosting.mid', label: `histogram gradient boosting fit / scikit-learn, ${mid}`, model: 'hist', data: 'mid', target: 3 },
    { key: 'fitRatio.hclust.mid', label: `hierarchical clustering (ward, k 3) fit / scikit-learn, ${mid}`, model: 'hclust', data: 'mid', target: 3 },
    { key: 'fitRatio.tsne.blobs', label: `t-SNE (Barnes-Hut) fit / scikit-learn, ${c.tsneRows} × 64`, model: 'tsne', data: 'blobs', target: 3, repeats: 1 },
  ]
  const oursTimes: Record<string, number> = {}
  for (const j of jobs) oursTimes[j.key] = await oursMs(j.model, sets.get(j.data)!, j.repeats ?? c.repeats)
  const missing = c.sklearn ? sklearnMissing() : 'skipped in the quick run'
  let theirs: Record<string, number> = {}
  if (!missing) {
    const dir = await mkdtemp(join(tmpdir(), 'bench-models-'))
    try {
      for (const [name, d] of sets) {
        await writeFile(join(dir, `${name}.X`), new Uint8Array(d.X.buffer, d.X.byteOffset, d.X.byteLength))
        await writeFile(join(dir, `${name}.y`), new Uint8Array(d.y.buffer, d.y.byteOffset, d.y.byteLength))
      }
      theirs = sklearnMs(dir, jobs, c.repeats)
      // Ours once more after scikit-learn ran: the best of both passes, so a burst of other load
      // during one pass does not decide the ratio.
      for (const j of jobs) oursTimes[j.key] = Math.min(oursTimes[j.key], await oursMs(j.model, sets.get(j.data)!, j.repeats ?? c.repeats))
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
  const figures: Figure[] = jobs.map((j) => {
    const ms = oursTimes[j.key]
    const ref = theirs[j.key]
    if (ref === undefined) return { key: j.key, label: j.label, value: null, unit: 'x', target: { op: '<=', value: j.target }, note: `${missing}; ours ${ms.toFixed(1)} ms` }
    return { key: j.key, label: j.label, value: ms / ref, unit: 'x', target: { op: '<=', value: j.target }, note: `${ms.toFixed(1)} vs ${ref.toFixed(1)} ms` }
  })
  return { figures, details: { oursMs: oursTimes, sklearnMs: theirs } }
}
