import type { Uniform } from './random'

/**
 * The common environment interface (Gymnasium's shape): `reset` starts an episode and returns
 * the first observation, `step` applies an action. Every environment is built from a plain,
 * serializable `EnvSpec` (what travels on a wire and is cached) plus a seeded random stream,
 * so the same spec and seed replay the same episodes.
 */

export type Space = { kind: 'discrete'; n: number } | { kind: 'box'; low: number[]; high: number[] }

export interface StepResult {
  observation: Float64Array
  reward: number
  /** The episode ended inside the task (goal, trap, pole fell). */
  terminated: boolean
  /** The episode was cut by the step limit. */
  truncated: boolean
}

export interface Env {
  readonly spec: EnvSpec
  /** Discrete observations are a one-element array holding the state index. */
  readonly observationSpace: Space
  readonly actionSpace: { kind: 'discrete'; n: number }
  /** Names of the actions, in index order (for figures). */
  readonly actionNames: readonly string[]
  /** Names of the observation's components (a deployed agent's input columns); ['state'] for a grid's cell index. */
  readonly observationNames: readonly string[]
  reset(): Float64Array
  step(action: number): StepResult
}

/** The `environment` port value: which environment, with its settings. */
export interface EnvSpec {
  kind: 'environment'
  env: string
  title: string
  config: Record<string, unknown>
  /** Steps after which an episode is truncated. */
  maxSteps: number
}

/** One environment type: builds a live environment from its spec. */
export interface EnvKind {
  id: string
  make(spec: EnvSpec, random: Uniform): Env
}

export function isEnvSpec(v: unknown): v is EnvSpec {
  return !!v && typeof v === 'object' && (v as EnvSpec).kind === 'environment' && typeof (v as EnvSpec).env === 'string'
}
