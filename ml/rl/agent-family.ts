import type { TrainedModel } from '../../runtime/values/ml'
import { defineFamily } from '../families/family'
import { argmax, isAgent, type Agent } from './agent'
import { algorithmOf } from './algorithms'
import { isEnvSpec, type EnvSpec } from './env'
import { makeEnv } from './environments'

/** A trained agent as a model: what a bundle keeps of it (no training history, no resume state). */
interface AgentState {
  algorithm: string
  env: EnvSpec
  state: Record<string, unknown>
}

const FAMILY_ID = 'rl-agent'

/**
 * Trained agents leave the canvas as models of this family: the observation's components are
 * the input columns, the actions are the classes, the greedy action is the predicted class and
 * the action values (Q-values) are its scores. Agents train in the RL nodes, never in Train.
 */
export const agentFamily = defineFamily({
  id: FAMILY_ID,
  title: 'RL agent (greedy policy)',
  description: 'A Q-learning or DQN agent trained on the canvas, scoring observations with its greedy action and Q-values.',
  tasks: ['classification'],
  gradient: false,
  config: {},
  fit: async () => {
    throw new Error('Agents train in the Q-learning and DQN nodes; wire an environment to one of them.')
  },
  predict(s: AgentState, X, rows, model) {
    const algorithm = algorithmOf({ kind: 'agent', algorithm: s.algorithm } as Agent)
    const width = model.features.length
    const k = model.classes!.length
    const predicted = new Float64Array(rows)
    const scores = new Float64Array(rows * k)
    for (let i = 0; i < rows; i++) {
      const q = algorithm.actionValues(s.state, X.slice(i * width, (i + 1) * width))
      if (q.length !== k) throw new Error(`The agent gives ${q.length} action values; the bundle names ${k} actions.`)
      predicted[i] = argmax(q)
      scores.set(q, i * k)
    }
    return { predicted, scores }
  },
  serialize: (s: AgentState) => ({ algorithm: s.algorithm, env: s.env, state: s.state }),
  deserialize(v) {
    const state = v.state
    if (typeof v.algorithm !== 'string' || !isEnvSpec(v.env) || !state || typeof state !== 'object' || Array.isArray(state)) {
      throw new Error('The saved agent is damaged: it needs "algorithm", "env" and "state".')
    }
    algorithmOf({ kind: 'agent', algorithm: v.algorithm } as Agent)
    return { algorithm: v.algorithm, env: v.env, state: state as Record<string, unknown> }
  },
  summarizeConfig: () => ({}),
})

/** A trained agent as a model of the agent family, for the export node, `pipeline export` and the scorer. */
export function agentModel(agent: Agent): TrainedModel {
  if (!isAgent(agent)) throw new Error('Expected a trained agent.')
  const env = makeEnv(agent.env, () => 0.5)
  return {
    kind: 'model',
    family: FAMILY_ID,
    task: 'classification',
    features: [...env.observationNames],
    classes: [...env.actionNames],
    steps: [],
    state: agentFamily.serialize({ algorithm: agent.algorithm, env: agent.env, state: agent.state }),
    summary: { family: FAMILY_ID, algorithm: agent.algorithm, environment: agent.env.title },
  }
}
