import type { JobProgressData } from '../queue/job-waits'
import type { NodeJobResult } from '../queue/node-job'

/**
 * The HTTP protocol between the editor's remote runner and `pipeline bridge`, shared by both
 * sides (no Node or DOM APIs here: the client runs in a browser worker).
 *
 * - `PUT|GET|HEAD /entries/:key`: a sealed cache entry, as a store keeps it (application/octet-stream);
 * - `POST /jobs/:key` with `{ recipe, nodeId }`: queue the node (deduplicated by key) → `{ state }`;
 * - `GET /jobs/:key/events`: Server-Sent Events `progress` (first the latest one the job made before
 *   the stream opened), then `done` or `failed` (`withdrawn`: queue it again);
 * - `DELETE /jobs/:key`: withdraw or stop the job;
 * - `GET /health`: `{ ok, protocol, workers, maxEntryBytes }` (needs no token).
 *
 * Every error answer is `{ error }` with a 4xx (5xx only for the bridge's own faults).
 */

/** A cache key as the bridge accepts it: an xxHash128 in lowercase hex. */
export const KEY_RE = /^[0-9a-f]{32}$/

/** What `POST /jobs/:key` answers: queued now, joined a job already queued or running, or done already. */
export interface JobAccepted {
  state: 'queued' | 'joined' | 'done'
}

/**
 * The protocol version a bridge and its clients speak; a client refuses a bridge of another one.
 * 2: `protocol` in /health, progress replayed to a new subscriber, `withdrawn` failures.
 */
export const BRIDGE_PROTOCOL = 2

export interface BridgeHealth {
  ok: boolean
  /** BRIDGE_PROTOCOL of the bridge (absent: a bridge from before it was reported, protocol 1). */
  protocol: number
  /** `pipeline worker` processes serving the queue now. */
  workers: number
  /** The largest entry an upload may carry (`--max-entry-mb`). */
  maxEntryBytes: number
}

/** The events of `GET /jobs/:key/events` (each SSE `event:` name with its JSON `data:`). */
export type JobStreamEvent =
  | { event: 'progress'; data: JobProgressData }
  | { event: 'done'; data: NodeJobResult }
  /** `withdrawn`: another run's cancel removed the job before it ran, and its result is not cached: queue it again. */
  | { event: 'failed'; data: { message: string; withdrawn?: boolean } }
