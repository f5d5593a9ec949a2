import { useState } from 'react'
import { chooseRemote, savedRemote } from '../engine/remote-queue'
import { runGraph } from '../engine/run-actions'
import { useEditor, useUi } from '../store'

const selectRemote = (s: { remoteQueue: { url: string; status: string } }) => s.remoteQueue

/** The remote queue setting, in the Cache dialog: a `pipeline bridge` address (and token), kept in this browser. */
export function RemoteQueueField() {
  const ed = useEditor()
  const remote = useUi(selectRemote)
  const [url, setUrl] = useState(remote.url)
  const [token, setToken] = useState(() => savedRemote(localStorage).token ?? '')
  return (
    <form
      className="remote-queue-field"
      onSubmit={(e) => {
        e.preventDefault()
        void chooseRemote(ed, { url, token }, localStorage)
      }}
    >
      <label>
        Remote queue (bridge URL){' '}
        <input type="url" value={url} placeholder="empty: run here" onChange={(e) => setUrl(e.target.value)} />
      </label>{' '}
      <label>
        Token <input type="password" value={token} autoComplete="off" onChange={(e) => setToken(e.target.value)} />
      </label>{' '}
      <button type="submit">Apply</button>{' '}
      <span className="muted" role="status" aria-label="Remote queue status">
        {remote.url ? remote.status : 'every node runs in this browser'}
      </span>
      <p className="muted">
        With the address of a <code>pipeline bridge</code>, the nodes a queue can run (trials and folds of searches and
        cross-validations, and other nodes that read no file) run on its <code>pipeline worker</code> processes; their results
        come back into this browser’s cache. Empty: everything runs here.
      </p>
    </form>
  )
}

/** Under a node the bridge could not take (its errors start "The remote queue"): stop using it and run here. */
export function RunHereInstead() {
  const ed = useEditor()
  const remote = useUi(selectRemote)
  if (!remote.url) return null
  return (
    <button
      type="button"
      onClick={async () => {
        await chooseRemote(ed, { url: '' }, localStorage)
        await runGraph(ed, 'all')
      }}
    >
      Run on this machine instead
    </button>
  )
}
