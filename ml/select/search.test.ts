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
    let inFlight = 0
    let most = 0
    const slow = async (plan: TrialPlan) => {
      most = Math.max(most, ++inFlight)
      await new Promise((r) => setTimeout(r, 1))
      inFlight--
      return evaluate(plan)
    }
    const halving = { min: 1, max: 9, eta: 3 }
    const one = await runSearch(spec({ strategy: 'random', trials: 10, halving }), { evaluate })
    const three = await runSearch(spec({ strategy: 'random', trials: 10, halving }), { evaluate: slow, parallel: 3 })
    expect(three).toEqual(one)
    expect(most).toBe(3)
    const grid = await runSearch(spec({ strategy: 'grid', trials: 30 }), { evaluate: slow, parallel: 4 })
    expect(grid.map((r) => r.trial)).toEqual([...Array(25).keys()].map((i) => i + 1))
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
