import type { RunEntry } from '../../runtime/history/run-entry'

/** A metric as the run views show it: four significant digits, '—' when missing. */
export const num = (v: number | undefined) => (v === undefined ? '—' : Number(v.toPrecision(4)).toString())

/** When a run started, as a local time of day. */
export const when = (r: RunEntry) => new Date(r.at).toLocaleTimeString()
