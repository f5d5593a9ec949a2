import { useNodeTitle } from '../hooks/useNodeTitle'
import { summaryLines } from '../lib/format'
import { failureText } from '../lib/node-failure'
import type { NodeProblem } from '../lib/param-problems'
import type { DisplayState, NodeRun } from '../store/run-store'
import { Sparkline } from './Sparkline'

/** What a card says under its ports: progress, summary, why it failed or waits, what it still needs. */
export function NodeCardNotes({ state, run, problems, missing, needFiles }: { state: DisplayState; run: NodeRun | undefined; problems: readonly NodeProblem[] | undefined; missing: readonly string[]; needFiles: readonly string[] }) {
  const blockedBy = useNodeTitle(state === 'blocked' ? run?.blockedBy : undefined)
  const lines = summaryLines(run?.summary)
  const firstProblem = problems?.find((p) => p.severity === 'error' && p.code !== 'missing-input')
  const error = failureText(run?.error, problems)
  return (
    <>
      {state === 'running' && (
        <div className="pnode-progress" role="progressbar" aria-valuenow={Math.round((run?.progress ?? 0) * 100)}>
          <div style={{ width: `${Math.round((run?.progress ?? 0) * 100)}%` }} />
        </div>
      )}
      {state === 'running' && run?.message && <div className="pnode-message">{run.message}</div>}
      {run?.curve && run.curve.length > 1 && <Sparkline points={run.curve} />}
      {lines.length > 0 && state !== 'error' && (
        <dl className="pnode-summary">
          {lines.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd title={v}>{v}</dd>
            </div>
          ))}
        </dl>
      )}
      {state === 'error' && error && <div className="pnode-error">{error}</div>}
      {state === 'blocked' && <div className="pnode-note">Blocked: upstream node “{blockedBy}” failed.</div>}
      {missing.length > 0 && <div className="pnode-note warn">Connect: {missing.join(', ')}</div>}
      {needFiles.map((f) => (
        <div key={f} className="pnode-note warn">
          Provide the file “{f}”: upload it in the inspector or drop it on the canvas.
        </div>
      ))}
      {firstProblem && state !== 'error' && <div className="pnode-error">{firstProblem.message}</div>}
    </>
  )
}
