import type { GraphGroup, GraphNode } from '../../runtime/document/schema'
import { flattenLevel } from '../../runtime/graph/groups'
import { displayState, type DisplayState, type RunState } from '../store/run-store'

/** What a closed group's card says about the last run of the nodes inside it. */
export interface GroupStatus {
  /** One state for the card: running wins, then a failure, then stale results; done once every node has a result. */
  state: DisplayState
  total: number
  /** Inner nodes per state (only the states that occur). */
  counts: Partial<Record<DisplayState, number>>
  /** While running: the share of the inner nodes' work finished. */
  progress?: number
  /** The first inner node (in document order) that failed, and its message. */
  failed?: { id: string; error: string }
}

/** The nodes inside a group that run: its inner nodes at every depth, nested groups replaced by theirs. */
export function innerRunNodes(group: GraphGroup): GraphNode[] {
  return flattenLevel(group.nodes, group.edges).nodes
}

const FINISHED: ReadonlySet<DisplayState> = new Set(['done', 'cached', 'stale', 'error', 'blocked', 'cancelled'])
const ORDER: DisplayState[] = ['running', 'queued', 'error', 'stale', 'blocked', 'cancelled', 'idle']

function combined(counts: Partial<Record<DisplayState, number>>): DisplayState {
  if (counts.running || counts.queued) return 'running'
  const first = ORDER.find((s) => counts[s])
  if (first && first !== 'idle') return first
  if (counts.idle) return counts.done || counts.cached ? 'stale' : 'idle'
  return counts.done ? 'done' : 'cached'
}

/** Combines the run states of `ids` (a group's inner nodes) into what its card shows. */
export function groupStatus(ids: readonly string[], runs: RunState['runs'], keys: RunState['keys']): GroupStatus {
  const counts: Partial<Record<DisplayState, number>> = {}
  let work = 0
  let failed: GroupStatus['failed']
  for (const id of ids) {
    const run = runs.get(id)
    const state = displayState(run, keys.get(id))
    counts[state] = (counts[state] ?? 0) + 1
    if (FINISHED.has(state)) work += 1
    else if (state === 'running') work += run?.progress ?? 0
    if (state === 'error' && !failed) failed = { id, error: run?.error ?? 'failed' }
  }
  const state = combined(counts)
  return { state, total: ids.length, counts, ...(state === 'running' ? { progress: ids.length ? work / ids.length : 0 } : {}), ...(failed ? { failed } : {}) }
}

const WORDS: [DisplayState, string][] = [
  ['running', 'running'],
  ['queued', 'queued'],
  ['done', 'ran'],
  ['cached', 'cached'],
  ['error', 'failed'],
  ['blocked', 'blocked'],
  ['stale', 'stale'],
  ['cancelled', 'cancelled'],
  ['idle', 'not run'],
]

/** "3 ran · 2 cached · 1 failed": the counts a card shows, empty before anything inside ran. */
export function statusCounts(s: GroupStatus): string {
  if (s.counts.idle === s.total) return ''
  return WORDS.filter(([k]) => s.counts[k]).map(([k, word]) => `${s.counts[k]} ${word}`).join(' · ')
}
