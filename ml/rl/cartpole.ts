import type { Env, EnvKind, EnvSpec, StepResult } from './env'
import { uniform, type Uniform } from './random'

/** Gymnasium CartPole-v1's constants (classic_control/cartpole.py). */
export const CARTPOLE = {
  gravity: 9.8,
  massCart: 1.0,
  massPole: 0.1,
  /** Half the pole's length. */
  length: 0.5,
  forceMag: 10.0,
  tau: 0.02,
  thetaThreshold: (12 * 2 * Math.PI) / 360,
  xThreshold: 2.4,
  maxSteps: 500,
} as const

/**
 * One Euler step of the cart-pole equations (Barto, Sutton & Anderson 1983, as in Gymnasium):
 * state [x, ẋ, θ, θ̇], action 0 pushes left, 1 right. Returns the next state.
 */
export function cartPoleStep(s: Float64Array, action: number): Float64Array {
  const { gravity, massCart, massPole, length, forceMag, tau } = CARTPOLE
  const totalMass = massPole + massCart
  const poleMassLength = massPole * length
  const [x, xDot, theta, thetaDot] = s
  const force = action === 1 ? forceMag : -forceMag
  const cos = Math.cos(theta)
  const sin = Math.sin(theta)
  const temp = (force + poleMassLength * thetaDot * thetaDot * sin) / totalMass
  const thetaAcc = (gravity * sin - cos * temp) / (length * (4.0 / 3.0 - (massPole * cos * cos) / totalMass))
  const xAcc = temp - (poleMassLength * thetaAcc * cos) / totalMass
  return Float64Array.of(x + tau * xDot, xDot + tau * xAcc, theta + tau * thetaDot, thetaDot + tau * thetaAcc)
}

/** True when the cart left the track or the pole leaned past 12°. */
export function cartPoleFailed(s: Float64Array): boolean {
  return s[0] < -CARTPOLE.xThreshold || s[0] > CARTPOLE.xThreshold || s[2] < -CARTPOLE.thetaThreshold || s[2] > CARTPOLE.thetaThreshold
}

class CartPole implements Env {
  readonly observationSpace = {
    kind: 'box' as const,
    // Gymnasium's bounds: twice the failure thresholds for position and angle, velocities unbounded.
    low: [-2 * CARTPOLE.xThreshold, -Infinity, -2 * CARTPOLE.thetaThreshold, -Infinity],
    high: [2 * CARTPOLE.xThreshold, Infinity, 2 * CARTPOLE.thetaThreshold, Infinity],
  }
  readonly actionSpace = { kind: 'discrete' as const, n: 2 }
  readonly actionNames = ['push left', 'push right']
  readonly observationNames = ['cart_position', 'cart_velocity', 'pole_angle', 'pole_angular_velocity']
  private state: Float64Array = new Float64Array(4)
  private steps = 0

  constructor(
    readonly spec: EnvSpec,
    private readonly random: Uniform,
  ) {}

  reset(): Float64Array {
    this.state = Float64Array.from({ length: 4 }, () => uniform(this.random, -0.05, 0.05))
    this.steps = 0
    return this.state.slice()
  }

  step(action: number): StepResult {
    if (action !== 0 && action !== 1) throw new Error(`CartPole actions are 0 (left) and 1 (right); got ${action}.`)
    this.state = cartPoleStep(this.state, action)
    this.steps++
    const terminated = cartPoleFailed(this.state)
    // Gymnasium pays 1 for every step, the one that ends the episode included.
    return { observation: this.state.slice(), reward: 1, terminated, truncated: !terminated && this.steps >= this.spec.maxSteps }
  }
}

export const cartPoleKind: EnvKind = { id: 'cartpole', make: (spec, random) => new CartPole(spec, random) }
