import type { NodeContext } from '../../runtime/node-api/define-node'
import { isEnvSpec, type EnvSpec } from '../../ml/rl/env'
import { isAgent, type Agent } from '../../ml/rl/agent'

/** Training episodes whose returns the live curve's moving average spans. */
export const AVERAGE_WINDOW = 100

/** Most progress events one training run sends (each carries one point of the live reward curve). */
const MAX_EVENTS = 1000

/**
 * Reports each episode's return with its moving average as progress data (the node's live
 * reward curve), thinned to at most MAX_EVENTS events for long runs.
 */
export function episodeProgress(ctx: NodeContext, episodes: number, earlier?: Float64Array) {
  const every = Math.max(1, Math.ceil(episodes / MAX_EVENTS))
  // A continued run's average starts from the episodes it continues.
  const recent: number[] = earlier ? Array.from(earlier.subarray(Math.max(0, earlier.length - AVERAGE_WINDOW))) : []
  let sum = recent.reduce((a, b) => a + b, 0)
  return (episode: number, total: number) => {
    recent.push(total)
    sum += total
    if (recent.length > AVERAGE_WINDOW) sum -= recent.shift()!
    if (episode % every !== 0 && episode !== episodes) return
    const average = sum / recent.length
    ctx.progress(episode / episodes, `episode ${episode}/${episodes} return ${round(total)} (average ${round(average)})`, {
      episode,
      return: total,
      average,
    })
  }
}

const round = (v: number) => Number(v.toPrecision(4))

export function requireEnv(v: unknown): EnvSpec {
  if (isEnvSpec(v)) return v
  throw new Error('Input "environment" needs an environment; connect an environment node (e.g. Grid world or CartPole).')
}

export function requireAgent(v: unknown): Agent {
  if (isAgent(v)) return v
  throw new Error('Input "agent" needs a trained agent; connect a Q-learning or DQN node.')
}

/** The agent's training facts for its badge: the algorithm's summary plus the recent average return. */
export function trainingSummary(agent: Agent): Record<string, unknown> {
  const r = agent.training.returns
  const tail = r.subarray(Math.max(0, r.length - AVERAGE_WINDOW))
  const average = tail.reduce((a, b) => a + b, 0) / Math.max(1, tail.length)
  return { environment: agent.env.title, ...agent.summary, averageReturn: round(average) }
}
