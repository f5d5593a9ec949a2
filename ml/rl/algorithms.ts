import type { Agent, AgentAlgorithm } from './agent'
import { dqn } from './dqn'
import { qLearning } from './q-learning'

/** Every agent algorithm, listed once. */
const ALGORITHMS = new Map<string, AgentAlgorithm>([qLearning, dqn].map((a) => [a.id, a]))

/** The algorithm that trained `agent`; throws a sentence for an unknown one. */
export function algorithmOf(agent: Agent): AgentAlgorithm {
  const a = ALGORITHMS.get(agent.algorithm)
  if (!a) throw new Error(`Unknown agent algorithm "${agent.algorithm}"; known: ${[...ALGORITHMS.keys()].join(', ')}.`)
  return a
}
