import { useEffect, useId, useState } from 'react'
import { chooseRemote, HEALTH_POLL_MS, recheckRemote, savedRemote } from '../engine/remote-queue'
import { runGraph } from '../engine/run-actions'
import { useEditor, useUi } from '../store'

const selectRemote = (s: { remoteQueue: { url: string; status: string } }) => s.remoteQueue

/** The remote queue setting, in the Cache dialog: a `pipeline bridge` address (and token), kept in this browser. */
export function RemoteQueueField() {
  const ed = useEditor()
  const remote = useUi(selectRemote)
  const [url, setUrl] = useState(remote.url)
  const [token, setToken] = useState(() => savedRemote(localStorage).token ?? '')
  const urlId = useId()
  const tokenId = useId()
  // While the dialog is open its status stays true: a bridge that went away (or came back) shows here, from its opening on.
  useEffect(() => {
    void recheckRemote(ed)
    const timer = setInterval(() => void recheckRemote(ed), HEALTH_POLL_MS)
    return () => clearInterval(timer)
  }, [ed])
  return (
    <form
      className="remote-queue-field settings-grid"
      onSubmit={(e) => {
        e.preventDefault()
        void chooseRemote(ed, { url, token }, localStorage)
      }}
    >
      <label htmlFor={urlId}>Remote queue (bridge URL)</label>
      <input id={urlId} type="url" value={url} placeholder="empty: run here" onChange={(e) => setUrl(e.target.value)} />
      <label htmlFor={tokenId}>Token</label>
      <span className="settings-row">
        <input id={tokenId} type="password" value={token} autoComplete="off" placeholder="if the bridge has one" onChange={(e) => setToken(e.target.value)} />
        <button type="submit">Apply</button>
      </span>
      <span className="muted settings-value" role="status" aria-label="Remote queue status">
        {remote.url ? remote.status : 'every node runs in this browser'}
      </span>
      <p className="muted settings-note">
        With the address of a <code>pipeline bridge</code>, the nodes a queue can run (trials and folds of searches and
        cross-validations, and other nodes that read no file) run on its <code>pipeline worker</code> processes; their results
        come back into this browser’s cache. Empty: everything runs here.
      </p>
    </form>
  )
}

/** Under a node that failed on the remote queue or could not reach it (failedRemotely): stop using the queue and run here. */
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
