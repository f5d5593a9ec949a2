import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { CARTPOLE } from '../../ml/rl/cartpole'
import type { EnvSpec } from '../../ml/rl/env'
import { parseGridMap } from '../../ml/rl/grid-map'
import { FROZEN_LAKE_4X4, FROZEN_LAKE_8X8, MAZE } from '../../ml/rl/maps'
import { MOUNTAIN_CAR } from '../../ml/rl/mountain-car'

const maxStepsParam = (d: number) =>
  p.int({ default: d, min: 1, max: 100_000, title: 'Step limit', description: 'Steps after which an episode is cut off (truncated).' })

const envSummary = (outputs: Record<string, unknown>) => {
  const e = outputs.environment as EnvSpec
  return { environment: e.title, stepLimit: e.maxSteps }
}

/** Parse errors of a map as check messages, so the editor shows them before a run. */
function mapProblems(map: string): string[] {
  try {
    parseGridMap(map)
    return []
  } catch (e) {
    return [(e as Error).message]
  }
}

export const gridWorldNode = defineNode({
  type: 'rl.grid-world',
  version: 1,
  category: 'rl',
  title: 'Grid world (maze)',
  description:
    'A maze drawn as text, one row per line: # wall, S start, G goal, T trap (ends the episode), . floor. The agent moves ' +
    'left, down, right or up; walls and edges keep it in place. With a slip probability, a move goes sideways instead.',
  inputs: {},
  outputs: { environment: port.environment() },
  params: () => ({
    map: p.text({ default: MAZE, maxLength: 64 * 65, title: 'Map', description: '# wall, S start, G goal, T trap, . floor; one row per line.' }),
    slip: p.number({ default: 0, min: 0, max: 1, step: 0.05, title: 'Slip probability', description: 'Chance that a move goes to one of the two sideways directions.' }),
    stepReward: p.number({ default: -0.01, min: -100, max: 100, title: 'Reward per step' }),
    goalReward: p.number({ default: 1, min: -100, max: 100, title: 'Goal reward' }),
    trapReward: p.number({ default: -1, min: -100, max: 100, title: 'Trap reward' }),
    maxSteps: maxStepsParam(200),
  }),
  check: (params) => mapProblems(params.map),
  run(_inputs, params) {
    parseGridMap(params.map)
    const { maxSteps, ...config } = params
    return { environment: { kind: 'environment', env: 'grid', title: 'Grid world', config, maxSteps } satisfies EnvSpec }
  },
  summarize: envSummary,
})

export const frozenLakeNode = defineNode({
  type: 'rl.frozen-lake',
  version: 1,
  category: 'rl',
  title: 'FrozenLake',
  description:
    "Gymnasium's FrozenLake: cross a frozen lake from S to G without falling into a hole (H). On slippery ice a move goes " +
    'the intended way only a third of the time, each sideways direction a third. Reward 1 at the goal, 0 otherwise.',
  inputs: {},
  outputs: { environment: port.environment() },
  params: () => ({
    size: p.select(['4x4', '8x8'], { default: '4x4', title: 'Map' }),
    slippery: p.bool({ default: true, title: 'Slippery' }),
  }),
  run(_inputs, params) {
    const big = params.size === '8x8'
    const config = { map: big ? FROZEN_LAKE_8X8 : FROZEN_LAKE_4X4, slip: params.slippery ? 2 / 3 : 0, stepReward: 0, goalReward: 1, trapReward: 0 }
    // Gymnasium's limits: FrozenLake-v1 100 steps, FrozenLake8x8-v1 200.
    return { environment: { kind: 'environment', env: 'grid', title: `FrozenLake ${params.size}`, config, maxSteps: big ? 200 : 100 } satisfies EnvSpec }
  },
  summarize: envSummary,
})

export const cartPoleNode = defineNode({
  type: 'rl.cartpole',
  version: 1,
  category: 'rl',
  title: 'CartPole',
  description:
    "Gymnasium's CartPole-v1: push a cart left or right to keep a pole upright. Reward 1 per step; the episode ends when " +
    'the pole leans past 12° or the cart leaves ±2.4, and is cut off after 500 steps. Observation: position, velocity, angle, angular velocity.',
  inputs: {},
  outputs: { environment: port.environment() },
  params: { maxSteps: maxStepsParam(CARTPOLE.maxSteps) },
  run: (_inputs, params) => ({ environment: { kind: 'environment', env: 'cartpole', title: 'CartPole', config: {}, maxSteps: params.maxSteps } satisfies EnvSpec }),
  summarize: envSummary,
})

export const mountainCarNode = defineNode({
  type: 'rl.mountain-car',
  version: 1,
  category: 'rl',
  title: 'MountainCar',
  description:
    "Gymnasium's MountainCar-v0: an underpowered car must rock back and forth to climb to the flag at position 0.5. " +
    'Actions push left, nothing, right; reward −1 per step; cut off after 200 steps. Observation: position, velocity.',
  inputs: {},
  outputs: { environment: port.environment() },
  params: { maxSteps: maxStepsParam(MOUNTAIN_CAR.maxSteps) },
  run: (_inputs, params) => ({ environment: { kind: 'environment', env: 'mountain-car', title: 'MountainCar', config: {}, maxSteps: params.maxSteps } satisfies EnvSpec }),
  summarize: envSummary,
})
