import { useId } from 'react'
import { chooseWorkers, defaultWorkers, WORKER_CHOICES } from '../engine/workers'
import { useEditor, useUi } from '../store'

const selectWorkers = (s: { workers: number }) => s.workers
const selectReady = (s: { workersReady: boolean }) => s.workersReady

/** The engine's worker count, in the Cache dialog; kept in this browser. */
export function WorkersField() {
  const ed = useEditor()
  const workers = useUi(selectWorkers)
  const ready = useUi(selectReady)
  const cores = navigator.hardwareConcurrency
  const byDefault = defaultWorkers(cores)
  const id = useId()
  return (
    <div className="workers-field settings-grid">
      <label htmlFor={id}>Workers</label>
      <span className="settings-row">
        <select id={id} value={workers} onChange={(e) => void chooseWorkers(ed, Number(e.target.value), localStorage)}>
          {Array.from({ length: WORKER_CHOICES }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n === byDefault ? `${n} (default)` : n}
            </option>
          ))}
        </select>
        <span className="muted" role="status" aria-label="Workers status">
          {ready ? 'ready' : 'starting…'}
        </span>
      </span>
      <p className="muted settings-note">
        Independent branches, folds and trials run on up to this many workers at once, sharing this cache (this browser reports {cores}{' '}
        cores). 1 runs every node in one worker.
      </p>
    </div>
  )
}
