import type { Env, EnvKind, EnvSpec, StepResult } from './env'
import { CELL, MOVE_NAMES, moveFrom, parseGridMap, type GridMap } from './grid-map'
import type { Uniform } from './random'

/** Settings of a grid world: the map and what each kind of cell pays. */
export interface GridConfig {
  map: string
  /** Chance that a move goes to one of the two perpendicular directions instead (FrozenLake's slippery ice: 2/3). */
  slip: number
  stepReward: number
  goalReward: number
  trapReward: number
}

export function readGridConfig(spec: EnvSpec): GridConfig {
  const c = spec.config as Partial<GridConfig>
  if (typeof c.map !== 'string') throw new Error('The grid world has no map.')
  return { map: c.map, slip: c.slip ?? 0, stepReward: c.stepReward ?? 0, goalReward: c.goalReward ?? 1, trapReward: c.trapReward ?? 0 }
}

class GridWorld implements Env {
  readonly observationSpace
  readonly actionSpace = { kind: 'discrete' as const, n: 4 }
  readonly actionNames = MOVE_NAMES
  readonly observationNames = ['state']
  private state = 0
  private steps = 0

  constructor(
    readonly spec: EnvSpec,
    private readonly map: GridMap,
    private readonly config: GridConfig,
    private readonly random: Uniform,
  ) {
    this.observationSpace = { kind: 'discrete' as const, n: map.rows * map.cols }
  }

  reset(): Float64Array {
    this.state = this.map.start
    this.steps = 0
    return Float64Array.of(this.state)
  }

  step(action: number): StepResult {
    if (!Number.isInteger(action) || action < 0 || action > 3) throw new Error(`Grid actions are 0–3; got ${action}.`)
    let move = action
    if (this.config.slip > 0 && this.random() < this.config.slip) move = (action + (this.random() < 0.5 ? 1 : 3)) % 4
    this.state = moveFrom(this.map, this.state, move)
    this.steps++
    const cell = this.map.cells[this.state]
    const terminated = cell === CELL.goal || cell === CELL.trap
    const reward = cell === CELL.goal ? this.config.goalReward : cell === CELL.trap ? this.config.trapReward : this.config.stepReward
    return { observation: Float64Array.of(this.state), reward, terminated, truncated: !terminated && this.steps >= this.spec.maxSteps }
  }
}

export const gridWorldKind: EnvKind = {
  id: 'grid',
  make(spec, random) {
    const config = readGridConfig(spec)
    return new GridWorld(spec, parseGridMap(config.map), config, random)
  },
}
