import type { Editor } from '../store/editor'

const KEY = 'mlcanvas-remote-queue'

/** Where the choice is kept (localStorage in the app). */
type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>

export interface RemoteQueue {
  /** The `pipeline bridge` address; '' runs every node in this browser. */
  url: string
  token?: string
}

/** The saved bridge, else none. A saved value that is not ours is ignored. */
export function savedRemote(storage: Storage): RemoteQueue {
  try {
    const saved = JSON.parse(storage.getItem(KEY) ?? '{}') as Partial<RemoteQueue>
    return typeof saved.url === 'string' ? { url: saved.url, ...(typeof saved.token === 'string' && saved.token ? { token: saved.token } : {}) } : { url: '' }
  } catch {
    return { url: '' }
  }
}

/**
 * Points the engine at a bridge (or back at this browser for ''), remembers it in this browser
 * and shows what the bridge said. An address the engine refuses keeps the previous choice.
 */
export async function chooseRemote(ed: Editor, remote: RemoteQueue, storage: Storage): Promise<void> {
  const url = remote.url.trim()
  const before = ed.ui.getState().remoteQueue
  ed.ui.setState({ remoteQueue: { url, status: url ? 'connecting…' : '' } })
  try {
    const answer = await ed.engine().setRemote(url ? { url, token: remote.token || undefined } : undefined)
    storage.setItem(KEY, JSON.stringify(url ? { url, ...(remote.token ? { token: remote.token } : {}) } : {}))
    const status = !url ? '' : answer.error ? answer.error : `connected: ${answer.workers} worker${answer.workers === 1 ? '' : 's'} serving the queue`
    ed.ui.setState({ remoteQueue: { url, status } })
  } catch (e) {
    ed.ui.setState({ remoteQueue: before })
    ed.ui.getState().toast(`Remote queue not changed: ${(e as Error).message}`, 'error')
  }
}
