import type { GraphNode } from '../../document/schema'
import type { NodeKey } from '../../keys/cache-keys'
import type { PreviousResult, ResolvedFile, Values } from '../../node-api/define-node'
import type { NodeEvent } from '../events'
import type { NodeResult } from '../node-runner'

/**
 * Messages between a pool and its workers. Values cross by structured clone: node values are
 * plain data (the cache codec refuses anything else), so typed arrays, NaN and nested objects
 * arrive as they left; tensors never cross, each worker has its own tfjs.
 */
export type ToWorker =
  | {
      kind: 'run'
      id: number
      node: GraphNode
      type: string
      key: NodeKey
      inputs: Values
      files?: Record<string, ResolvedFile>
      /** The node's earlier result, looked up by the host (which holds the cache) before sending. */
      previous?: Omit<PreviousResult, 'used'>
    }
  | { kind: 'cancel'; id: number }

export type FromWorker =
  | { kind: 'event'; id: number; event: NodeEvent }
  /** The node built on its earlier result (PreviousResult.used). */
  | { kind: 'used'; id: number; note: string }
  | { kind: 'done'; id: number; result: NodeResult }
  | { kind: 'failed'; id: number; message: string; cancelled: boolean }

/** One worker as the pool sees it, whatever hosts it (a Node worker thread, a browser module worker). */
export interface PoolPort {
  /** Settles once the worker can run nodes (its backend started) or could not start; absent: it can at once. */
  started?: Promise<unknown>
  post(message: ToWorker): void
  /** `fail` is called once if the worker dies (a crash, an uncaught error, out of memory). */
  listen(message: (m: FromWorker) => void, fail: (reason: string) => void): void
  close(): void
}
