import type { EpisodeReplay, GridPicture } from '../../runtime/values/figure'
import { argmax, playEpisode, type Agent, type AgentAlgorithm } from './agent'
import type { EnvSpec } from './env'
import { makeEnv } from './environments'
import { CELL, MOVE_NAMES, parseGridMap } from './grid-map'
import { readGridConfig } from './grid-world'
import type { Uniform } from './random'

/** The grid world's cells, and what the agent would do in each free cell. */
export function gridPicture(spec: EnvSpec, agent?: { algorithm: AgentAlgorithm; value: Agent }): GridPicture {
  if (spec.env !== 'grid') throw new Error(`${spec.title} is not a grid world; policy maps need a grid world or FrozenLake.`)
  const map = parseGridMap(readGridConfig(spec).map)
  const picture: GridPicture = { rows: map.rows, cols: map.cols, cells: Array.from(map.cells), start: map.start, actionNames: [...MOVE_NAMES] }
  if (!agent) return picture
  const n = map.cells.length
  picture.arrows = new Array<number>(n).fill(-1)
  picture.values = new Array<number>(n).fill(NaN)
  picture.q = new Array<number>(n * 4).fill(NaN)
  for (let s = 0; s < n; s++) {
    if (map.cells[s] !== CELL.floor) continue
    const q = agent.algorithm.actionValues(agent.value.state, Float64Array.of(s))
    const best = argmax(q)
    picture.arrows[s] = best
    picture.values[s] = q[best]
    for (let a = 0; a < 4; a++) picture.q[s * 4 + a] = q[a]
  }
  return picture
}

/** One greedy episode of the agent, recorded for the replay animation. */
export function replayEpisode(algorithm: AgentAlgorithm, agent: Agent, random: Uniform): EpisodeReplay {
  const env = makeEnv(agent.env, random)
  const episode = playEpisode(env, (obs) => argmax(algorithm.actionValues(agent.state, obs)))
  return {
    env: agent.env.env,
    observations: Array.from(episode.observations),
    size: episode.size,
    actions: Array.from(episode.actions),
    rewards: Array.from(episode.rewards),
    actionNames: [...env.actionNames],
    ...(agent.env.env === 'grid' ? { grid: gridPicture(agent.env) } : {}),
  }
}

/** Trailing moving average over `window` values (shorter at the start). */
export function movingAverage(values: ArrayLike<number>, window: number): number[] {
  const out = new Array<number>(values.length)
  let sum = 0
  for (let i = 0; i < values.length; i++) {
    sum += values[i]
    if (i >= window) sum -= values[i - window]
    out[i] = sum / Math.min(i + 1, window)
  }
  return out
}
