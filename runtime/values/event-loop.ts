/**
 * Yielding to the event loop from long loops (training, fits, episodes: ml/cancel.ts), so that messages
 * are delivered while they run: a cancel, and in a pool the other workers' answers, which the thread that
 * feeds the pool acts on only once it has heard them.
 */

type Resume = () => void

/** Resolvers waiting for the shared channel's next message, in order. */
const parked: Resume[] = []
let channel: MessageChannel | undefined

/** One message round trip: a task of its own, without the 4 ms clamp browsers put on nested setTimeout(0). */
function viaChannel(): Promise<void> {
  if (!channel) {
    channel = new MessageChannel()
    channel.port1.onmessage = () => parked.shift()?.()
    // A parked channel must not keep Node alive: the loops that use it end by themselves.
    ;(channel.port1 as { unref?(): void }).unref?.()
  }
  const port = channel.port2
  return new Promise<void>((resolve) => {
    parked.push(resolve)
    port.postMessage(undefined)
  })
}

/**
 * Resolves on a later turn of the event loop, after pending messages and I/O. In Node that is
 * setImmediate (setTimeout(0) waits at least 1 ms there, idle); elsewhere a MessageChannel round trip.
 */
export function nextTurn(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (f: Resume) => unknown }).setImmediate
  return immediate ? new Promise<void>((resolve) => void immediate(resolve)) : viaChannel()
}

