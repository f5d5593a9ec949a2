/** How one scheduled node ended: descendants of a failed or cancelled node do not run. */
export type Outcome = 'ok' | 'failed' | 'cancelled'

/** What the scheduler asks of its host; none of these may throw. */
export interface ScheduleHooks {
  /** Runs one node whose parents all succeeded. */
  run(id: string): Promise<Outcome>
  /** `by` (a parent) failed, so `id` will not run. */
  blocked(id: string, by: string): void
  /** The run was cancelled before `id` started (or an upstream node was cancelled). */
  cancelled(id: string): void
  /** `id` waits on a cycle and can never become ready. */
  stuck(id: string): void
}

export interface ScheduleOptions {
  /** How many ready nodes may run at once (async nodes interleave). */
  concurrency?: number
  signal?: AbortSignal
}

/**
 * Ready-set scheduler: each node waits for a count of unfinished parents and joins the ready
 * list when it reaches zero, so the work per node is its degree (no rescans of the queue).
 * A failure settles every descendant at once, iteratively (deep chains do not recurse).
 */
export async function schedule(
  ids: readonly string[],
  parentsOf: (id: string) => readonly string[],
  hooks: ScheduleHooks,
  opts: ScheduleOptions = {},
): Promise<Map<string, Outcome>> {
  const graph = readySet(ids, parentsOf)
  const outcomes = new Map<string, Outcome>()
  const limit = Math.max(1, opts.concurrency ?? 4)
  const active = new Set<Promise<void>>()
  const start = (id: string) => {
    const task: Promise<void> = hooks.run(id).then((outcome) => {
      active.delete(task)
      settle(graph, outcomes, hooks, id, outcome)
    })
    active.add(task)
  }
  while (graph.next < graph.ready.length || active.size) {
    if (opts.signal?.aborted) {
      while (graph.next < graph.ready.length) {
        const id = graph.ready[graph.next++]
        hooks.cancelled(id)
        settle(graph, outcomes, hooks, id, 'cancelled')
      }
    }
    while (graph.next < graph.ready.length && active.size < limit) start(graph.ready[graph.next++])
    if (active.size) await Promise.race(active)
  }
  for (const id of ids) {
    if (outcomes.has(id)) continue
    if (opts.signal?.aborted) hooks.cancelled(id)
    else hooks.stuck(id)
    outcomes.set(id, opts.signal?.aborted ? 'cancelled' : 'failed')
  }
  return outcomes
}

interface ReadySet {
  /** node → parents in this run not yet finished */
  waiting: Map<string, number>
  children: Map<string, string[]>
  /** Nodes that became ready, in order; `next` is the first not yet started. */
  ready: string[]
  next: number
}

function readySet(ids: readonly string[], parentsOf: (id: string) => readonly string[]): ReadySet {
  const inRun = new Set(ids)
  const waiting = new Map<string, number>()
  const children = new Map<string, string[]>()
  for (const id of ids) children.set(id, [])
  for (const id of ids) {
    let count = 0
    for (const parent of new Set(parentsOf(id))) {
      if (!inRun.has(parent)) continue
      count += 1
      children.get(parent)!.push(id)
    }
    waiting.set(id, count)
  }
  return { waiting, children, ready: ids.filter((id) => waiting.get(id) === 0), next: 0 }
}

/** Records an outcome; ready children join the ready list, those of a failure are settled too. */
function settle(graph: ReadySet, outcomes: Map<string, Outcome>, hooks: ScheduleHooks, id: string, outcome: Outcome) {
  outcomes.set(id, outcome)
  const stack: [string, Outcome][] = [[id, outcome]]
  while (stack.length) {
    const [parent, result] = stack.pop()!
    for (const child of graph.children.get(parent)!) {
      if (outcomes.has(child)) continue
      if (result === 'ok') {
        const left = graph.waiting.get(child)! - 1
        graph.waiting.set(child, left)
        if (left === 0) graph.ready.push(child)
        continue
      }
      if (result === 'cancelled') hooks.cancelled(child)
      else hooks.blocked(child, parent)
      outcomes.set(child, result)
      stack.push([child, result])
    }
  }
}
