import type { Summary } from '../values/summary'

/** Per-node events streamed from a run, in the order they happen. */
export type NodeEvent =
  | { type: 'queued'; nodeId: string }
  | { type: 'running'; nodeId: string; reason: string }
  | { type: 'progress'; nodeId: string; fraction: number; message?: string; data?: Record<string, unknown> }
  | { type: 'cached'; nodeId: string; summary: Summary; ms: number }
  | { type: 'done'; nodeId: string; ms: number; summary: Summary; reason: string; worker?: number; remote?: string }
  | { type: 'error'; nodeId: string; message: string }
  | { type: 'blocked'; nodeId: string; by: string }
  | { type: 'cancelled'; nodeId: string }

export type RunEvent =
  | NodeEvent
  | { type: 'run-start'; backend: string; nodes: string[] }
  | { type: 'run-end'; report: RunReport }

export type NodeStatus = 'ran' | 'cached' | 'error' | 'blocked' | 'skipped' | 'cancelled'

export interface NodeReport {
  type: string
  status: NodeStatus
  reason?: string
  ms?: number
  summary?: Summary
  error?: string
  /** The pool worker that ran it (see NodeResult.worker). */
  worker?: number
  /** The queue worker (`host:pid`) that ran it (see NodeResult.remote). */
  remote?: string
}

/** The result of a run; also the CLI's `--json` output. */
export interface RunReport {
  backend: string
  nodes: Record<string, NodeReport>
  ran: number
  cached: number
  ms: number
}
