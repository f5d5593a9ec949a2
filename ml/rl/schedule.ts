/** Exploration: ε falls linearly from `start` to `end` over the first `fraction` of training, then stays at `end`. */
export interface EpsilonSchedule {
  start: number
  end: number
  fraction: number
}

/** ε at `progress` ∈ [0, 1] of training (episodes for Q-learning, steps for DQN). */
export function epsilonAt(s: EpsilonSchedule, progress: number): number {
  if (s.fraction <= 0 || progress >= s.fraction) return s.end
  return s.start + (s.end - s.start) * (progress / s.fraction)
}
