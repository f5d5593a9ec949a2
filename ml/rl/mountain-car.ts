import type { Env, EnvKind, EnvSpec, StepResult } from './env'
import { uniform, type Uniform } from './random'

/** Gymnasium MountainCar-v0's constants (classic_control/mountain_car.py). */
export const MOUNTAIN_CAR = {
  minPosition: -1.2,
  maxPosition: 0.6,
  maxSpeed: 0.07,
  goalPosition: 0.5,
  goalVelocity: 0,
  force: 0.001,
  gravity: 0.0025,
  maxSteps: 200,
} as const

/** One step of the mountain-car dynamics (Moore 1990, as in Gymnasium): state [position, velocity], action 0 left, 1 none, 2 right. */
export function mountainCarStep(s: Float64Array, action: number): Float64Array {
  const { minPosition, maxPosition, maxSpeed, force, gravity } = MOUNTAIN_CAR
  let [position, velocity] = s
  velocity += (action - 1) * force + Math.cos(3 * position) * -gravity
  velocity = Math.min(maxSpeed, Math.max(-maxSpeed, velocity))
  position += velocity
  position = Math.min(maxPosition, Math.max(minPosition, position))
  if (position === minPosition && velocity < 0) velocity = 0
  return Float64Array.of(position, velocity)
}

export function mountainCarAtGoal(s: Float64Array): boolean {
  return s[0] >= MOUNTAIN_CAR.goalPosition && s[1] >= MOUNTAIN_CAR.goalVelocity
}

class MountainCar implements Env {
  readonly observationSpace = {
    kind: 'box' as const,
    low: [MOUNTAIN_CAR.minPosition, -MOUNTAIN_CAR.maxSpeed],
    high: [MOUNTAIN_CAR.maxPosition, MOUNTAIN_CAR.maxSpeed],
  }
  readonly actionSpace = { kind: 'discrete' as const, n: 3 }
  readonly actionNames = ['push left', 'no push', 'push right']
  readonly observationNames = ['position', 'velocity']
  private state: Float64Array = new Float64Array(2)
  private steps = 0

  constructor(
    readonly spec: EnvSpec,
    private readonly random: Uniform,
  ) {}

  reset(): Float64Array {
    this.state = Float64Array.of(uniform(this.random, -0.6, -0.4), 0)
    this.steps = 0
    return this.state.slice()
  }

  step(action: number): StepResult {
    if (action !== 0 && action !== 1 && action !== 2) throw new Error(`MountainCar actions are 0, 1 and 2; got ${action}.`)
    this.state = mountainCarStep(this.state, action)
    this.steps++
    const terminated = mountainCarAtGoal(this.state)
    return { observation: this.state.slice(), reward: -1, terminated, truncated: !terminated && this.steps >= this.spec.maxSteps }
  }
}

export const mountainCarKind: EnvKind = { id: 'mountain-car', make: (spec, random) => new MountainCar(spec, random) }
