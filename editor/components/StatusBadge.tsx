import { etaMs, formatEta, formatMs } from '../lib/format'
import { useNow } from '../hooks/useNow'
import type { DisplayState, NodeRun } from '../store/run-store'

const LABEL: Record<DisplayState, string> = {
  idle: 'not run',
  stale: 'stale',
  queued: 'queued',
  running: 'running',
  cached: 'cached',
  done: 'done',
  error: 'error',
  blocked: 'blocked',
  cancelled: 'cancelled',
}

/** Time so far, or once the pace is known, the time left ("~12 s left"). */
function Timing({ since, fraction }: { since: number; fraction: number | undefined }) {
  const now = useNow(500)
  const elapsed = Math.max(0, now - since)
  const left = etaMs(elapsed, fraction)
  return <> {left === undefined ? formatMs(elapsed) : `· ~${formatEta(left)} left`}</>
}

/** The node's state in one word, with time taken or progress. */
export function StatusBadge({ state, run }: { state: DisplayState; run: NodeRun | undefined }) {
  return (
    <span className={`badge badge-${state}`} data-state={state}>
      {LABEL[state]}
      {state === 'running' && run?.progress !== undefined && run.progress >= 0.01 && ` ${Math.round(run.progress * 100)}%`}
      {state === 'running' && run?.startedAt !== undefined && <Timing since={run.startedAt} fraction={run.progress} />}
      {state === 'done' && run?.ms !== undefined && ` · ${formatMs(run.ms)}`}
    </span>
  )
}
