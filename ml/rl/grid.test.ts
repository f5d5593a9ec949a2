import { describe, expect, it } from 'vitest'
import type { EnvSpec } from './env'
import { makeEnv } from './environments'
import { parseGridMap, shortestPathLength } from './grid-map'
import { FROZEN_LAKE_4X4, MAZE } from './maps'
import { seeded } from './random'

const grid = (map: string, extra: Record<string, unknown> = {}, maxSteps = 100): EnvSpec => ({
  kind: 'environment',
  env: 'grid',
  title: 'Grid world',
  config: { map, slip: 0, stepReward: -0.01, goalReward: 1, trapReward: -1, ...extra },
  maxSteps,
})

describe('grid maps', () => {
  it('reads walls, start, goal and traps', () => {
    const m = parseGridMap('#####\n#S.G#\n#.T.#\n#####')
    expect([m.rows, m.cols, m.start]).toEqual([4, 5, 6])
    expect(Array.from(m.cells.slice(5, 10))).toEqual([1, 0, 0, 3, 1])
    expect(m.cells[12]).toBe(2)
  })

  it('says which line and cell are wrong', () => {
    expect(() => parseGridMap('S.G\n..')).toThrow('Map line 2 has 2 cells; the first line has 3')
    expect(() => parseGridMap('S.x.G')).toThrow('Map line 1, column 3: unknown cell "x"')
    expect(() => parseGridMap('...G')).toThrow('no start')
    expect(() => parseGridMap('S..')).toThrow('no goal')
    expect(() => parseGridMap('S.S.G')).toThrow('more than one start')
    expect(() => parseGridMap('')).toThrow('The map is empty')
  })

  it('finds the shortest path around walls and traps', () => {
    expect(shortestPathLength(parseGridMap(MAZE))).toBe(26)
    expect(shortestPathLength(parseGridMap('S.G'))).toBe(2)
    expect(shortestPathLength(parseGridMap('S#G'))).toBe(-1)
    // The trap blocks the direct route: around it takes two more moves.
    expect(shortestPathLength(parseGridMap('S.T.G\n.....'))).toBe(6)
    expect(shortestPathLength(parseGridMap(FROZEN_LAKE_4X4))).toBe(6)
  })
})

describe('grid world', () => {
  it('moves, bumps into walls, pays per step and ends at the goal', () => {
    const env = makeEnv(grid('#####\n#S.G#\n#####'), seeded(1))
    expect(Array.from(env.reset())).toEqual([6])
    expect(env.step(3)).toMatchObject({ reward: -0.01, terminated: false }) // up: a wall, stays
    expect(env.step(2).observation[0]).toBe(7)
    expect(env.step(2)).toMatchObject({ reward: 1, terminated: true })
  })

  it('ends in a trap with the trap reward and truncates at the step limit', () => {
    const env = makeEnv(grid('S.\nTG', {}, 3), seeded(1))
    env.reset()
    expect(env.step(1)).toMatchObject({ reward: -1, terminated: true })
    env.reset()
    env.step(0)
    env.step(0)
    expect(env.step(0)).toMatchObject({ terminated: false, truncated: true })
  })

  it('slips to each perpendicular direction with probability slip/2 (FrozenLake: 1/3 each)', () => {
    const env = makeEnv(grid('...\n.S.\n..G', { slip: 2 / 3 }), seeded(7))
    const counts = new Map<number, number>()
    const n = 30_000
    for (let i = 0; i < n; i++) {
      env.reset()
      const s = env.step(2).observation[0] // right: 5; slips go down (7) or up (1)
      counts.set(s, (counts.get(s) ?? 0) + 1)
    }
    expect([...counts.keys()].sort()).toEqual([1, 5, 7])
    for (const c of counts.values()) expect(Math.abs(c / n - 1 / 3)).toBeLessThan(0.015)
  })

  it('replays the same episode from the same seed', () => {
    const run = (seed: number) => {
      const env = makeEnv(grid(FROZEN_LAKE_4X4, { slip: 2 / 3 }), seeded(seed))
      env.reset()
      return Array.from({ length: 20 }, (_, i) => env.step(i % 4).observation[0])
    }
    expect(run(5)).toEqual(run(5))
    expect(run(5)).not.toEqual(run(6))
  })
})
