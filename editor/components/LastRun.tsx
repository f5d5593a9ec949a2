import { formatMs } from '../lib/format'
import { useRun } from '../store'

/** What the last run did, in one line; `data-runs` counts finished runs. */
export function LastRun() {
  const last = useRun((s) => s.lastRun)
  const count = useRun((s) => s.runCount)
  const running = useRun((s) => s.running)
  return (
    <span className="last-run muted" role="status" aria-label="Last run" data-runs={count}>
      {running ? 'Running…' : last ? `${last.ran} ran · ${last.cached} cached · ${formatMs(last.ms)}` : ''}
    </span>
  )
}
