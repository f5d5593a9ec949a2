import type { EntryInfo } from '../cache/types'
import type { NodeEvent, NodeReport, RunEvent, RunReport } from './events'
import type { NodeResult } from './node-runner'

/** Keeps each node's report and emits the matching event, so the two never disagree. */
export class Reporter {
  // Null prototype: a node id such as `__proto__` is an ordinary entry, not the prototype.
  private readonly nodes: Record<string, NodeReport> = Object.create(null)
  private readonly started = performance.now()

  constructor(
    private readonly typeOf: (id: string) => string,
    private readonly emit: (event: RunEvent) => void,
    readonly backend: string,
  ) {}

  private set(id: string, report: Omit<NodeReport, 'type'>, event?: NodeEvent) {
    this.nodes[id] = { type: this.typeOf(id), ...report }
    if (event) this.emit(event)
  }

  skipped(id: string) {
    this.set(id, { status: 'skipped' })
  }
  ran(id: string, reason: string, { ms, summary, worker, remote }: NodeResult) {
    const where = { ...(worker === undefined ? {} : { worker }), ...(remote === undefined ? {} : { remote }) }
    this.set(id, { status: 'ran', reason, ms, summary, ...where }, { type: 'done', nodeId: id, ms, summary, reason, ...where })
  }
  cached(id: string, { ms, summary }: EntryInfo) {
    this.set(id, { status: 'cached', ms, summary }, { type: 'cached', nodeId: id, summary, ms })
  }
  error(id: string, message: string) {
    this.set(id, { status: 'error', error: message }, { type: 'error', nodeId: id, message })
  }
  blocked(id: string, by: string) {
    this.set(id, { status: 'blocked', error: `blocked by ${by}` }, { type: 'blocked', nodeId: id, by })
  }
  cancelled(id: string) {
    this.set(id, { status: 'cancelled' }, { type: 'cancelled', nodeId: id })
  }

  /** The run's report; emitted as `run-end`. */
  finish(): RunReport {
    let ran = 0
    let cached = 0
    for (const id in this.nodes) {
      if (this.nodes[id].status === 'ran') ran += 1
      else if (this.nodes[id].status === 'cached') cached += 1
    }
    const report = { backend: this.backend, nodes: this.nodes, ran, cached, ms: performance.now() - this.started }
    this.emit({ type: 'run-end', report })
    return report
  }
}
