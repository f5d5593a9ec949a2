/** One Server-Sent Event: its `event:` name (default "message") and its `data:` lines joined. */
export interface SseMessage {
  event: string
  data: string
}

/**
 * The events of a `text/event-stream` body, as they arrive (the EventSource parsing rules:
 * blocks end at a blank line, `:` lines are comments, several `data:` lines join with \n).
 * Read from fetch rather than EventSource, which cannot send an Authorization header and retries
 * on its own.
 */
export async function* readEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffered = ''
  try {
    for (;;) {
      const { value, done } = await reader.read()
      buffered += done ? decoder.decode() : decoder.decode(value, { stream: true })
      const blocks = buffered.replace(/\r\n?/g, '\n').split('\n\n')
      // The text after the last blank line is an event still arriving (or, at the end, one never finished: dropped).
      buffered = blocks.pop()!
      for (const block of blocks) {
        const message = parseBlock(block)
        if (message) yield message
      }
      if (done) return
    }
  } finally {
    reader.releaseLock()
  }
}

function parseBlock(block: string): SseMessage | undefined {
  let event = 'message'
  const data: string[] = []
  for (const line of block.split('\n')) {
    if (!line || line.startsWith(':')) continue
    const colon = line.indexOf(':')
    const field = colon < 0 ? line : line.slice(0, colon)
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
    if (field === 'event') event = value
    else if (field === 'data') data.push(value)
  }
  return data.length ? { event, data: data.join('\n') } : undefined
}
