import { formatMs } from '../lib/format'
import { useRun } from '../store'

/** What the last run did, in one line; `data-runs` counts finished runs, `data-ms` and `data-ran` are the last run's exact figures. */
export function LastRun() {
  const last = useRun((s) => s.lastRun)
  const count = useRun((s) => s.runCount)
  const running = useRun((s) => s.running)
  const interrupted = useRun((s) => s.interrupted)
  const text = running
    ? 'Running…'
    : interrupted
      ? 'The last run was interrupted by a reload'
      : last
        ? `${last.ran} ran · ${last.cached} cached · ${formatMs(last.ms)}`
        : ''
  return (
    <span className={`last-run ${interrupted && !running ? 'warn-text' : 'muted'}`} role="status" aria-label="Last run" data-runs={count} data-ms={last?.ms} data-ran={last?.ran}>
      {text}
    </span>
  )
}
