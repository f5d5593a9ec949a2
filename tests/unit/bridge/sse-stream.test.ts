import { describe, expect, it } from 'vitest'
import { readEvents } from '../../../runtime/bridge/sse-stream'

/** A body delivered in the given chunks, as fetch hands it over. */
function body(chunks: string[]): ReadableStream<Uint8Array> {
  const bytes = chunks.map((c) => new TextEncoder().encode(c))
  return new ReadableStream({
    pull(controller) {
      const next = bytes.shift()
      if (next) controller.enqueue(next)
      else controller.close()
    },
  })
}

async function all(chunks: string[]) {
  const out = []
  for await (const m of readEvents(body(chunks))) out.push(m)
  return out
}

describe('readEvents (text/event-stream over fetch)', () => {
  it('parses events split anywhere across chunks, skips comments, joins data lines', async () => {
    const text = 'event: progress\ndata: {"fraction":0.5}\n\n: alive\n\ndata: a\ndata: b\n\nevent: done\ndata: {"ms":3}\n\n'
    const expected = [
      { event: 'progress', data: '{"fraction":0.5}' },
      { event: 'message', data: 'a\nb' },
      { event: 'done', data: '{"ms":3}' },
    ]
    expect(await all([text])).toEqual(expected)
    // Every split point, including inside a multi-byte character of the payload.
    const accented = text.replace('a\n', 'é\n')
    for (let at = 1; at < accented.length; at++) {
      const bytes = new TextEncoder().encode(accented)
      const cut = Math.min(at, bytes.length - 1)
      const stream = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(bytes.subarray(0, cut))
          c.enqueue(bytes.subarray(cut))
          c.close()
        },
      })
      const got = []
      for await (const m of readEvents(stream)) got.push(m)
      expect(got[1].data, `split at byte ${cut}`).toBe('é\nb')
      expect(got.length).toBe(3)
    }
  })

  it('accepts CRLF line ends and drops an unfinished last event', async () => {
    expect(await all(['event: failed\r\ndata: {"message":"x"}\r\n\r\n', 'data: cut off'])).toEqual([{ event: 'failed', data: '{"message":"x"}' }])
  })
})
