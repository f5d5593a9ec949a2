import type { DqnConfig } from '../../ml/rl/dqn'
import type { EnvSpec } from '../../ml/rl/env'

/** A corridor with a trap at one end and the goal at the other: 3 moves right is the shortest path. */
export const corridor: EnvSpec = {
  kind: 'environment',
  env: 'grid',
  title: 'Corridor',
  config: { map: 'T.S..G', slip: 0, stepReward: -0.05, goalReward: 1, trapReward: -1 },
  maxSteps: 30,
}

/** A small DQN that learns the corridor in tens of episodes; `over` sets what a test varies. */
export const corridorDqn = (over: Partial<DqnConfig> = {}): DqnConfig => ({
  episodes: 30,
  layers: [{ units: 16, activation: 'relu' }],
  learningRate: 0.01,
  gamma: 0.9,
  batchSize: 16,
  bufferSize: 1000,
  learningStarts: 32,
  trainEvery: 1,
  gradientSteps: 1,
  targetUpdate: 25,
  epsilonStart: 1,
  epsilonEnd: 0.05,
  explorationSteps: 150,
  evalEvery: 0,
  evalEpisodes: 1,
  ...over,
})
