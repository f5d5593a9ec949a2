import { randomInt, type Uniform } from './random'

/** A replay buffer as plain data, to continue training with exactly the transitions it held. */
export interface BufferState {
  capacity: number
  width: number
  size: number
  head: number
  observations: Float32Array
  next: Float32Array
  actions: Int32Array
  rewards: Float32Array
  done: Float32Array
}

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

  /** Copies of its arrays and position. */
  save(): BufferState {
    const { capacity, width, size, head } = this
    const arrays = { observations: this.observations.slice(), next: this.next.slice(), actions: this.actions.slice(), rewards: this.rewards.slice(), done: this.done.slice() }
    return { capacity, width, size, head, ...arrays }
  }

  /** A buffer holding a saved state (check it with bufferFits first). */
  static restore(s: BufferState): ReplayBuffer {
    const b = new ReplayBuffer(s.capacity, s.width)
    b.observations.set(s.observations)
    b.next.set(s.next)
    b.actions.set(s.actions)
    b.rewards.set(s.rewards)
    b.done.set(s.done)
    b.size = s.size
    b.head = s.head
    return b
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

/** Whether a saved buffer state (from a cache entry) is whole and fits a buffer of this capacity and width. */
export function bufferFits(s: BufferState, capacity: number, width: number): boolean {
  const n = capacity * width
  const position = s.capacity === capacity && s.width === width && inRange(s.size, 0, capacity) && inRange(s.head, 0, capacity - 1)
  const arrays =
    isFloats(s.observations, n) && isFloats(s.next, n) && isFloats(s.rewards, capacity) && isFloats(s.done, capacity) &&
    s.actions instanceof Int32Array && s.actions.length === capacity
  return position && arrays
}

const inRange = (v: unknown, low: number, high: number) => Number.isInteger(v) && (v as number) >= low && (v as number) <= high
const isFloats = (v: unknown, n: number) => v instanceof Float32Array && v.length === n
