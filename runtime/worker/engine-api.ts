import type { LiveScore } from '../../deploy/scorer/live'
import type { BackendName } from '../backend/choose-backend'
import type { GraphDocument } from '../document/schema'
import type { RunEvent, RunReport } from '../exec/events'
import type { Diagnostic } from '../validate/diagnostics'
import type { Column } from '../values/dataset'
import type { PreviewOptions } from '../values/preview'

/** JSON description of a node type (see `describeNode` in runtime/registry.ts). */
export type NodeDescriptor = ReturnType<typeof import('../registry').describeNode>

/** A display-sized view of one node output, sent to the UI instead of the full value. */
export type Preview =
  | {
      kind: 'dataset'
      rows: number
      /** Present for a `splits` value: row counts per split; the table shows `split`. */
      splits?: Record<string, number>
      split?: string
      columns: { name: string; type: Column['type']; role: Column['role']; missing: number; categories?: string[] }[]
      /** The page of rows asked for (the first ones unless `offset`), cell values as display strings ('' for missing). */
      head: string[][]
      /** Row number (0-based, in the order asked for) of the first row of `head`. */
      offset?: number
    }
  | { kind: 'json'; value: unknown }

/** A graph document's JSON text, as the editor sends it to the worker. */
export type DocText = string

export interface RunRequest {
  doc: GraphDocument
  /** Graph identity for "why did it re-run" records (e.g. 'autosave'). */
  scope?: string
  to?: string
  force?: string[]
}

export interface CacheStatsView {
  entries: number
  bytes: number
  capBytes: number
  memoryEntries: number
  memoryBytes: number
}

/**
 * What the execution worker offers the editor (through comlink). Everything heavy stays in
 * the worker; the UI gets events, summaries and previews.
 */
export interface EngineApi {
  /** Starts TensorFlow.js; `backend` forces one. Resolves to the backend in use. */
  init(opts?: { backend?: BackendName }): Promise<{ backend: string; failed: string[]; available: string[] }>
  describe(): Promise<NodeDescriptor[]>
  validate(doc: unknown): Promise<{ ok: boolean; diagnostics: Diagnostic[] }>
  /**
   * A document as it opens: checked, and nodes saved by an older version of their type brought
   * up to date by the same loadDocument the CLI uses (the node types' migrate lives here).
   */
  open(doc: unknown): Promise<{ ok: true; doc: GraphDocument; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] }>
  /**
   * Cache key per node (nodes that cannot run are absent): a changed key means stale. The document may
   * come as its JSON text (`DocText`): the editor sends text, see `keys` in runtime/worker/engine.ts.
   */
  keys(doc: GraphDocument | DocText): Promise<Record<string, string>>
  /** Cached status and summary per node without running anything (used after a reload). */
  peek(doc: GraphDocument | DocText): Promise<Record<string, { summary: Record<string, unknown>; ms: number } | undefined>>
  run(req: RunRequest, onEvent: (e: RunEvent) => void): Promise<RunReport>
  cancel(): Promise<void>
  /**
   * How many nodes run at once: `count` pool workers run them while the engine's worker keeps
   * the cache and answers calls; 1 runs every node in the engine's worker, with no pool.
   * Resolves once the pool's workers have started.
   */
  setWorkers(count: number): Promise<{ workers: number }>
  /**
   * Sends the nodes a queue would run (trials and folds, not the search itself) to `pipeline bridge`
   * at `url`; undefined or an empty url runs everything here again. Resolves with the workers
   * serving that queue, or why the bridge cannot be reached now (nodes sent to it then fail with that message).
   */
  setRemote(address?: { url: string; token?: string }): Promise<{ workers?: number; error?: string }>
  /** Asks the bridge setRemote chose again (it may have gone away, or gained workers): the same answer as setRemote; {} when none is set. */
  remoteHealth(): Promise<{ workers?: number; error?: string }>
  /** Display-sized value of one output of a node, from the cache; undefined when not computed. */
  preview(doc: GraphDocument, nodeId: string, port: string, opts?: PreviewOptions): Promise<Preview | undefined>
  /** Stores an uploaded file (CSV) for `file` params; returns its content hash. */
  /** The live prediction form of a node with a trained model or bundle output: its input columns, and predictions for `instances`. */
  liveScore(doc: GraphDocument, nodeId: string, port: string, instances?: unknown[]): Promise<LiveScore | undefined>
  /** A bundle output as one .zip (what `pipeline predict|serve|html` read), from the cache; undefined when not computed. */
  bundleArchive(doc: GraphDocument, nodeId: string, port: string): Promise<{ name: string; zip: Uint8Array } | undefined>
  putFile(name: string, bytes: ArrayBuffer): Promise<string>
  listFiles(): Promise<{ name: string; bytes: number; hash: string }[]>
  cacheStats(): Promise<CacheStatsView>
  clearCache(): Promise<void>
}
