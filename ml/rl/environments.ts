import { cartPoleKind } from './cartpole'
import type { Env, EnvKind, EnvSpec } from './env'
import { gridWorldKind } from './grid-world'
import { mountainCarKind } from './mountain-car'
import type { Uniform } from './random'

/** Every environment type, listed once. */
const KINDS = new Map<string, EnvKind>([gridWorldKind, cartPoleKind, mountainCarKind].map((k) => [k.id, k]))

/** Builds a live environment from a spec; throws a sentence for an unknown one. */
export function makeEnv(spec: EnvSpec, random: Uniform): Env {
  const kind = KINDS.get(spec.env)
  if (!kind) throw new Error(`Unknown environment "${spec.env}"; known: ${[...KINDS.keys()].join(', ')}.`)
  return kind.make(spec, random)
}
