import { seededRandom } from '../../runtime/values/random'
import { mapLimit, pullLimit } from './parallel'
import { gridPoint, randomPoint, type Dimension, type Point } from './space'
import { proposeTpe, type Observation } from './tpe'

export type Strategy = 'grid' | 'random' | 'tpe'

export interface SearchSpec {
  space: Dimension[]
  strategy: Strategy
  /** How many configurations to try (a grid stops at its end). */
  trials: number
  /** Stop starting trials after this many seconds (0: no limit). */
  seconds: number
  seed: number
  maximize: boolean
  /**
   * TPE proposes this many trials at a time (constant liar), so they can run side by side; 1: one
   * after another. Part of the spec, not the machine: the same graph proposes the same trials on any
   * number of workers. Grid and random batches follow the runner's capacity (their points depend on the seed alone).
   */
  batch?: number
  /**
   * Successive halving: every configuration first runs with `min` of the resource (e.g. epochs),
   * the best 1/eta go on with eta times more, up to `max`.
   */
  halving?: { min: number; max: number; eta: number }
}

/** What to evaluate: a configuration, and with halving its rung and resource. */
export interface TrialPlan {
  /** 1-based, in the order trials start. */
  trial: number
  point: Point
  rung: number
  resource?: number
}

export interface TrialOutcome {
  /** NaN when the trial failed. */
  score: number
  status: 'ran' | 'cached' | 'error'
  ms: number
  error?: string
  /** Where its runs went, as the trials table shows it ("pool worker 2", "queue worker box:4242"); absent: not reported. */
  ranOn?: string
}

export type TrialResult = TrialPlan & TrialOutcome

export interface SearchHooks {
  evaluate(plan: TrialPlan): Promise<TrialOutcome>
  onTrial?(result: TrialResult, done: readonly TrialResult[]): void
  now?(): number
  signal?: AbortSignal
  /** How many trials may run at once: grid and random batches, TPE batches proposed by constant liar. */
  parallel?: number
}

/**
 * Runs a search to its budget. Proposals are a function of the seed and of earlier scores
 * only, so a search re-run (or resumed, or given a larger budget) proposes the same trials
 * in the same order, and each one finds its cached result.
 */
export async function runSearch(spec: SearchSpec, hooks: SearchHooks): Promise<TrialResult[]> {
  const now = hooks.now ?? (() => performance.now())
  const start = now()
  const done: TrialResult[] = []
  const random = seededRandom(spec.seed)
  const stop = () => (spec.seconds > 0 && now() - start >= spec.seconds * 1000) || hooks.signal?.aborted === true
  // Grid and random proposals depend on the seed alone; TPE fills a batch of `spec.batch` by constant
  // liar (see `propose`), so its proposals depend on the seed and that batch, never on the capacity.
  const width = Math.max(1, hooks.parallel ?? 1)
  let numbered = 0
  const plan = (point: Point, rung: number, resource: number | undefined): TrialPlan => ({ trial: ++numbered, point, rung, resource })
  const record = async (p: TrialPlan) => {
    const result = { ...p, ...(await hooks.evaluate(p)) }
    done.push(result)
    hooks.onTrial?.(result, done)
    return result
  }
  const rungs = spec.halving ? resources(spec.halving) : [undefined]
  let current: TrialResult[] = []
  if (spec.strategy === 'tpe') {
    for (let t = 0, exhausted = false; t < spec.trials && !exhausted && !stop(); ) {
      const plans: TrialPlan[] = []
      while (plans.length < Math.max(1, spec.batch ?? 1) && t < spec.trials) {
        const point = propose(spec, t, current, plans, random)
        if (!point) {
          exhausted = true
          break
        }
        plans.push(plan(point, 0, rungs[0]))
        t++
      }
      current.push(...(await mapLimit(plans, width, record)))
    }
  } else {
    // Trials stream through the slots rather than in batches: a slow trial (on a worker thread still
    // warming up) holds up only its own slot, not the trials beside it.
    let t = 0
    const next = () => {
      const point = t < spec.trials && !stop() ? propose(spec, t, current, [], random) : undefined
      if (!point) return undefined
      t++
      return plan(point, 0, rungs[0])
    }
    await pullLimit(next, width, async (p) => void current.push(await record(p)))
  }
  for (let rung = 1; rung < rungs.length && current.length > 1 && !stop(); rung++) {
    const keep = ranked(current, spec.maximize).slice(0, Math.max(1, Math.floor(current.length / spec.halving!.eta)))
    const next: TrialResult[] = []
    let i = 0
    const draw = () => (i < keep.length && !stop() ? plan(keep[i++].point, rung, rungs[rung]) : undefined)
    await pullLimit(draw, width, async (p) => void next.push(await record(p)))
    if (!next.length) break
    current = next
  }
  // In trial order, whatever order they finished in: the same table with one slot or several.
  return done.sort((x, y) => x.trial - y.trial)
}

/**
 * The next point. TPE sees the trials of the batch being filled (`pending`) as failed ones (a
 * constant liar with the worst loss, as Optuna's `constant_liar`): they count as bad, so the rest
 * of the batch is drawn away from them. With a batch of one nothing is pending: the sequential TPE.
 */
function propose(spec: SearchSpec, t: number, history: readonly TrialResult[], pending: readonly TrialPlan[], random: () => number): Point | undefined {
  if (spec.strategy === 'grid') return gridPoint(spec.space, t)
  if (spec.strategy === 'random') return randomPoint(spec.space, random)
  const observations: Observation[] = history.map((r) => ({ point: r.point, loss: spec.maximize ? -r.score : r.score }))
  for (const plan of pending) observations.push({ point: plan.point, loss: NaN })
  return proposeTpe(spec.space, observations, random)
}

/** The resource of each rung: min, min·eta, … capped at max (the last rung always runs max). */
export function resources({ min, max, eta }: { min: number; max: number; eta: number }): number[] {
  if (!(eta >= 2)) throw new Error(`Successive halving needs a factor of at least 2 (got ${eta}).`)
  if (!(min > 0 && min <= max)) throw new Error(`Successive halving needs 0 < min resource ≤ max (got ${min} and ${max}).`)
  const out: number[] = []
  for (let r = min; r < max; r *= eta) out.push(Math.round(r))
  out.push(max)
  return out
}

/** Best first; failed trials (NaN) last. */
export function ranked(results: readonly TrialResult[], maximize: boolean): TrialResult[] {
  const key = (r: TrialResult) => (Number.isNaN(r.score) ? Infinity : maximize ? -r.score : r.score)
  return [...results].sort((a, b) => key(a) - key(b) || a.trial - b.trial)
}

/** The best trial: among those of the highest rung reached (the longest trained), the best score. */
export function bestTrial(results: readonly TrialResult[], maximize: boolean): TrialResult | undefined {
  let top = -1
  for (const r of results) if (!Number.isNaN(r.score) && r.rung > top) top = r.rung
  return ranked(results.filter((r) => r.rung === top), maximize)[0]
}
