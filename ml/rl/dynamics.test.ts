import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CARTPOLE, cartPoleFailed, cartPoleStep } from './cartpole'
import { makeEnv } from './environments'
import { MOUNTAIN_CAR, mountainCarAtGoal, mountainCarStep } from './mountain-car'
import { seeded } from './random'

/**
 * Reference trajectories computed in Python from the published equations and checked there
 * against Gymnasium 1.3's CartPole-v1 and MountainCar-v0 (fixtures/make-dynamics.py).
 */
interface Case {
  start: number[]
  actions: number[]
  states: number[][]
  terminated: boolean
}
const fixtures = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'dynamics.json'), 'utf8')) as { cartpole: Case[]; mountainCar: Case[] }

function checkSteps(cases: Case[], step: (s: Float64Array, a: number) => Float64Array, done: (s: Float64Array) => boolean) {
  let worst = 0
  for (const c of cases) {
    c.actions.forEach((a, i) => {
      const next = step(Float64Array.from(c.states[i]), a)
      next.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - c.states[i + 1][j]))))
      // Every state but the last one is inside the limits.
      expect(done(next)).toBe(i === c.actions.length - 1 && c.terminated)
    })
  }
  return worst
}

const spec = (env: string, maxSteps: number) => ({ kind: 'environment' as const, env, title: env, config: {}, maxSteps })

describe('CartPole-v1 dynamics', () => {
  it('matches the reference trajectories step by step', () => {
    expect(fixtures.cartpole.map((c) => c.actions.length)).toEqual([15, 9, 500])
    expect(checkSteps(fixtures.cartpole, cartPoleStep, cartPoleFailed)).toBeLessThan(1e-12)
  })

  it('replays a short trajectory open-loop through the environment, reward 1 per step, ending at the threshold', () => {
    const c = fixtures.cartpole[0]
    const env = makeEnv(spec('cartpole', CARTPOLE.maxSteps), seeded(1))
    env.reset()
    ;(env as unknown as { state: Float64Array }).state = Float64Array.from(c.start)
    let total = 0
    c.actions.forEach((a, i) => {
      const r = env.step(a)
      total += r.reward
      r.observation.forEach((v, j) => expect(v).toBeCloseTo(c.states[i + 1][j], 10))
      expect(r.terminated).toBe(i === c.actions.length - 1)
    })
    expect(total).toBe(c.actions.length)
  })

  it('starts within ±0.05 and truncates at 500 steps', () => {
    const env = makeEnv(spec('cartpole', CARTPOLE.maxSteps), seeded(3))
    const s = env.reset()
    expect(Math.max(...s.map(Math.abs))).toBeLessThanOrEqual(0.05)
    // The reference balancing controller survives 500 steps; the episode is then truncated.
    let steps = 0
    let obs = s
    for (;;) {
      const r = env.step(obs[2] + 0.5 * obs[3] > 0 ? 1 : 0)
      steps++
      obs = r.observation
      if (r.terminated || r.truncated) {
        expect(r.truncated).toBe(true)
        break
      }
    }
    expect(steps).toBe(500)
  })
})

describe('MountainCar-v0 dynamics', () => {
  it('matches the reference trajectories step by step (goal reached, wall at −1.2)', () => {
    expect(fixtures.mountainCar.map((c) => [c.actions.length, c.terminated])).toEqual([
      [124, true],
      [200, false],
      [200, false],
    ])
    expect(checkSteps(fixtures.mountainCar, mountainCarStep, mountainCarAtGoal)).toBe(0)
    expect(fixtures.mountainCar[2].states.some((s) => s[0] === MOUNTAIN_CAR.minPosition && s[1] === 0)).toBe(true)
  })

  it('pays −1 per step and truncates at 200 steps', () => {
    const env = makeEnv(spec('mountain-car', MOUNTAIN_CAR.maxSteps), seeded(2))
    const s = env.reset()
    expect(s[0]).toBeGreaterThanOrEqual(-0.6)
    expect(s[0]).toBeLessThan(-0.4)
    expect(s[1]).toBe(0)
    let total = 0
    for (let i = 1; i <= 200; i++) {
      const r = env.step(1)
      total += r.reward
      expect(r.truncated).toBe(i === 200)
    }
    expect(total).toBe(-200)
  })
})
