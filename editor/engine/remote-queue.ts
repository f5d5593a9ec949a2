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

/** What the Cache dialog says about the bridge: its workers, or why it cannot be used now. */
const statusText = (answer: { workers?: number; error?: string }) =>
  answer.error ?? `connected: ${answer.workers} worker${answer.workers === 1 ? '' : 's'} serving the queue`

/** The status while an Apply waits for the bridge's answer. */
const CONNECTING = 'connecting…'

/** How often the open Cache dialog asks the bridge again. */
export const HEALTH_POLL_MS = 3000

/**
 * Asks the chosen bridge again and shows its answer (a bridge that went away says so), unless the
 * choice changed meanwhile. The Cache dialog calls it every HEALTH_POLL_MS while it is open.
 */
export async function recheckRemote(ed: Editor): Promise<void> {
  const { url, status } = ed.ui.getState().remoteQueue
  if (!url || status === CONNECTING) return
  const answer = await ed.engine().remoteHealth()
  // Nothing to say when the engine has no bridge (yet), or an Apply began meanwhile: its own answer will show.
  if (answer.workers === undefined && answer.error === undefined) return
  const now = ed.ui.getState().remoteQueue
  if (now.url === url && now.status !== CONNECTING) ed.ui.setState({ remoteQueue: { url, status: statusText(answer) } })
}

/**
 * Points the engine at a bridge (or back at this browser for ''), remembers it in this browser
 * and shows what the bridge said. An address the engine refuses keeps the previous choice.
 */
export async function chooseRemote(ed: Editor, remote: RemoteQueue, storage: Storage): Promise<void> {
  const url = remote.url.trim()
  const before = ed.ui.getState().remoteQueue
  ed.ui.setState({ remoteQueue: { url, status: url ? CONNECTING : '' } })
  try {
    const answer = await ed.engine().setRemote(url ? { url, token: remote.token || undefined } : undefined)
    storage.setItem(KEY, JSON.stringify(url ? { url, ...(remote.token ? { token: remote.token } : {}) } : {}))
    ed.ui.setState({ remoteQueue: { url, status: url ? statusText(answer) : '' } })
  } catch (e) {
    ed.ui.setState({ remoteQueue: before })
    ed.ui.getState().toast(`Remote queue not changed: ${(e as Error).message}`, 'error')
  }
}
