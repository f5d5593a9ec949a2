import { describe, expect, it } from 'vitest'
import { bestTrial, resources, runSearch, type SearchSpec, type TrialPlan } from './search'
import type { Dimension } from './space'

const space: Dimension[] = [
  { node: 'n', param: 'x', kind: 'float', min: -2, max: 2 },
  { node: 'n', param: 'lr', kind: 'log', min: 1e-4, max: 1 },
]
/** A bowl with its minimum at x = 0.7, lr = 0.01. */
const loss = ([x, lr]: (string | number | boolean)[]) => ((x as number) - 0.7) ** 2 + (Math.log10(lr as number) + 2) ** 2 / 4

const spec = (over: Partial<SearchSpec> = {}): SearchSpec => ({ space, strategy: 'tpe', trials: 40, seconds: 0, seed: 0, maximize: false, ...over })
const evaluate = async (plan: TrialPlan) => ({ score: loss(plan.point), status: 'ran' as const, ms: 0 })

/** `evaluate` taking a millisecond, counting the most trials in flight at once. */
function counting() {
  const count = { inFlight: 0, most: 0 }
  const slow = async (plan: TrialPlan) => {
    count.most = Math.max(count.most, ++count.inFlight)
    await new Promise((r) => setTimeout(r, 1))
    count.inFlight--
    return evaluate(plan)
  }
  return { slow, count }
}

describe('runSearch', () => {
  it('TPE finds a better minimum than random search with the same budget, over several seeds', async () => {
    let tpeWins = 0
    let tpeTotal = 0
    let randomTotal = 0
    for (let seed = 0; seed < 8; seed++) {
      const tpe = bestTrial(await runSearch(spec({ seed }), { evaluate }), false)!.score
      const rnd = bestTrial(await runSearch(spec({ seed, strategy: 'random' }), { evaluate }), false)!.score
      tpeTotal += tpe
      randomTotal += rnd
      if (tpe < rnd) tpeWins++
    }
    expect(tpeWins).toBeGreaterThanOrEqual(5)
    expect(tpeTotal).toBeLessThan(randomTotal / 2)
  })

  it('proposes the same trials when re-run or given a larger budget (what makes resuming all cache hits)', async () => {
    for (const strategy of ['random', 'tpe', 'grid'] as const) {
      const short = await runSearch(spec({ strategy, trials: 12 }), { evaluate })
      const long = await runSearch(spec({ strategy, trials: 20 }), { evaluate })
      expect(long.slice(0, 12).map((r) => r.point)).toEqual(short.map((r) => r.point))
    }
  })

  it('runs batches of random trials at once with the same trials and results as one at a time', async () => {
    const { slow, count } = counting()
    const halving = { min: 1, max: 9, eta: 3 }
    const one = await runSearch(spec({ strategy: 'random', trials: 10, halving }), { evaluate })
    const three = await runSearch(spec({ strategy: 'random', trials: 10, halving }), { evaluate: slow, parallel: 3 })
    expect(three).toEqual(one)
    expect(count.most).toBe(3)
    const grid = await runSearch(spec({ strategy: 'grid', trials: 30 }), { evaluate: slow, parallel: 4 })
    expect(grid.map((r) => r.trial)).toEqual([...Array(25).keys()].map((i) => i + 1))
  })

  it('streams random and grid trials through the slots: a slow trial holds up only its own slot', async () => {
    for (const strategy of ['random', 'grid'] as const) {
      const started: number[] = []
      let release: () => void = () => undefined
      const fourthStarted = new Promise<void>((r) => (release = r))
      // Trial 1 ends only once trial 4 has started: with batches of two, trial 3 would wait for it forever.
      const results = await runSearch(spec({ strategy, trials: 6 }), {
        parallel: 2,
        evaluate: async (plan) => {
          started.push(plan.trial)
          if (plan.trial === 4) release()
          if (plan.trial === 1) await fourthStarted
          return evaluate(plan)
        },
      })
      expect(started).toEqual([1, 2, 3, 4, 5, 6])
      expect(results.map((r) => r.trial)).toEqual([1, 2, 3, 4, 5, 6])
      expect(results).toEqual(await runSearch(spec({ strategy, trials: 6 }), { evaluate }))
    }
  })

  it('TPE with batch 1 proposes the sequence it proposed before batches existed, on any capacity', async () => {
    const mixed: Dimension[] = [...space, { node: 'n', param: 'act', kind: 'choice', values: ['relu', 'tanh', 'sigmoid'] }]
    const score = (point: TrialPlan['point']) => loss(point) + (point[2] === 'tanh' ? 0 : 0.3)
    for (const parallel of [1, 4]) {
      const results = await runSearch(spec({ space: mixed, trials: 16, seed: 3 }), { evaluate: async (p) => ({ score: score(p.point), status: 'ran', ms: 0 }), parallel })
      const rounded = results.map((r) => r.point.map((v) => (typeof v === 'number' ? Number(v.toPrecision(10)) : v)))
      // Recorded from the sequential TPE (10 random start-up trials, then the model's proposals).
      expect(rounded).toEqual(TPE_SEED_3)
    }
  })

  it('TPE fills batches of its batch size, runs them side by side, the same for a seed and batch on any capacity, and still beats random search', async () => {
    const { slow, count } = counting()
    const a = await runSearch(spec({ seed: 5, batch: 4 }), { evaluate: slow, parallel: 4 })
    const b = await runSearch(spec({ seed: 5, batch: 4 }), { evaluate, parallel: 1 })
    expect(count.most).toBe(4)
    expect(a).toEqual(b)
    expect(a.map((r) => r.point)).not.toEqual((await runSearch(spec({ seed: 5 }), { evaluate, parallel: 4 })).map((r) => r.point))
    let batchTotal = 0
    let randomTotal = 0
    for (let seed = 0; seed < 8; seed++) {
      batchTotal += bestTrial(await runSearch(spec({ seed, batch: 4 }), { evaluate, parallel: 4 }), false)!.score
      randomTotal += bestTrial(await runSearch(spec({ seed, strategy: 'random' }), { evaluate }), false)!.score
    }
    expect(batchTotal).toBeLessThan(randomTotal / 2)
  })

  it('stops a grid at its end and a timed search when time runs out', async () => {
    const grid = await runSearch(spec({ strategy: 'grid', trials: 100 }), { evaluate })
    expect(grid).toHaveLength(25)
    let clock = 0
    const timed = await runSearch(spec({ seconds: 1 }), { evaluate: async (p) => ((clock += 300), evaluate(p)), now: () => clock })
    expect(timed).toHaveLength(4)
  })

  it('successive halving runs every configuration short, then the best third three times longer', async () => {
    expect(resources({ min: 5, max: 45, eta: 3 })).toEqual([5, 15, 45])
    expect(resources({ min: 10, max: 100, eta: 3 })).toEqual([10, 30, 90, 100])
    const plans: TrialPlan[] = []
    // A longer resource lowers every loss a little, so later rungs score better.
    const results = await runSearch(spec({ strategy: 'random', trials: 9, halving: { min: 5, max: 45, eta: 3 } }), {
      evaluate: async (p) => (plans.push(p), { score: loss(p.point) - p.resource! / 1000, status: 'ran', ms: 0 }),
    })
    expect(results.map((r) => r.rung)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2])
    expect(results.map((r) => r.resource)).toEqual([5, 5, 5, 5, 5, 5, 5, 5, 5, 15, 15, 15, 45])
    const rung0 = [...results.slice(0, 9)].sort((a, b) => a.score - b.score)
    expect(results.slice(9, 12).map((r) => r.point)).toEqual(rung0.slice(0, 3).map((r) => r.point))
    const rung1 = [...results.slice(9, 12)].sort((a, b) => a.score - b.score)
    expect(results[12].point).toEqual(rung1[0].point)
    expect(bestTrial(results, false)).toBe(results[12])
  })

  it('ranks failed trials last and never picks them as best', async () => {
    const results = await runSearch(spec({ strategy: 'grid', trials: 5 }), {
      evaluate: async (p) => (p.trial === 1 ? { score: NaN, status: 'error', ms: 0, error: 'boom' } : evaluate(p)),
    })
    expect(results[0].status).toBe('error')
    expect(bestTrial(results, false)!.trial).not.toBe(1)
  })
})

const TPE_SEED_3 = [
  [0.8809071351, 0.0001427738406, 'tanh'], [-1.700287961, 0.1127253414, 'tanh'], [-0.05308170151, 0.0004438152964, 'relu'],
  [0.2104288982, 0.0006020949814, 'relu'], [0.8551495643, 0.00807071766, 'sigmoid'], [1.519093308, 0.001970129006, 'sigmoid'],
  [-0.8530117236, 0.04881594429, 'tanh'], [1.326935393, 0.01444735895, 'relu'], [1.509417466, 0.001744166926, 'sigmoid'],
  [1.077476919, 0.004811950063, 'sigmoid'], [-0.749650724, 0.6536876623, 'sigmoid'], [0.6387104033, 0.01060661026, 'sigmoid'],
  [0.3110135617, 0.1389274497, 'sigmoid'], [1.958371805, 0.0105686586, 'sigmoid'], [0.3838724602, 0.442251268, 'sigmoid'],
  [-0.6723395784, 0.03363745566, 'sigmoid'],
]
