import { randomInt, type Uniform } from './random'

/** A fixed-size ring of transitions in typed arrays; the oldest is overwritten when full. */
export class ReplayBuffer {
  readonly observations: Float32Array
  readonly next: Float32Array
  readonly actions: Int32Array
  readonly rewards: Float32Array
  /** 1 where the transition ended the episode for real (no bootstrapping from `next`). */
  readonly done: Float32Array
  size = 0
  private head = 0

  constructor(
    readonly capacity: number,
    readonly width: number,
  ) {
    this.observations = new Float32Array(capacity * width)
    this.next = new Float32Array(capacity * width)
    this.actions = new Int32Array(capacity)
    this.rewards = new Float32Array(capacity)
    this.done = new Float32Array(capacity)
  }

  add(observation: ArrayLike<number>, action: number, reward: number, next: ArrayLike<number>, done: boolean): void {
    const i = this.head
    this.observations.set(observation, i * this.width)
    this.next.set(next, i * this.width)
    this.actions[i] = action
    this.rewards[i] = reward
    this.done[i] = done ? 1 : 0
    this.head = (i + 1) % this.capacity
    this.size = Math.min(this.size + 1, this.capacity)
  }

  /** `n` transitions drawn uniformly with replacement, copied into fresh arrays. */
  sample(n: number, random: Uniform) {
    const w = this.width
    const batch = {
      observations: new Float32Array(n * w),
      next: new Float32Array(n * w),
      actions: new Int32Array(n),
      rewards: new Float32Array(n),
      done: new Float32Array(n),
    }
    for (let k = 0; k < n; k++) {
      const i = randomInt(random, this.size)
      batch.observations.set(this.observations.subarray(i * w, (i + 1) * w), k * w)
      batch.next.set(this.next.subarray(i * w, (i + 1) * w), k * w)
      batch.actions[k] = this.actions[i]
      batch.rewards[k] = this.rewards[i]
      batch.done[k] = this.done[i]
    }
    return batch
  }
}
