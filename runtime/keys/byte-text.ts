const encoder = new TextEncoder()

/** The UTF-8 bytes of a string (for constant parts written many times). */
export const utf8 = (text: string): Uint8Array => encoder.encode(text)

/**
 * A growable UTF-8 buffer, reused for every recipe of a plan: the recipe's text is written as
 * bytes and hashed from here, so no per-node string is concatenated, flattened and re-encoded.
 */
export class ByteText {
  private buf = new Uint8Array(4096)
  /** Views of the buffer's first n bytes: recipes repeat a few lengths, and each view is an allocation. */
  private views = new Map<number, Uint8Array>()
  length = 0

  reset(): void {
    this.length = 0
  }

  /** The bytes written since the last reset (a view, valid until the next write). */
  view(): Uint8Array {
    let view = this.views.get(this.length)
    if (view === undefined) this.views.set(this.length, (view = this.buf.subarray(0, this.length)))
    return view
  }

  bytes(b: Uint8Array, from = 0, to = b.length): void {
    this.room(to - from)
    const buf = this.buf
    let at = this.length
    // Most parts are a few dozen bytes, where a loop beats set()'s call.
    if (to - from > 64) buf.set(b.subarray(from, to), at), (at += to - from)
    else for (let k = from; k < to; k++) buf[at++] = b[k]
    this.length = at
  }

  /** A string as UTF-8 (ASCII byte by byte; the rest, from the first other character, by the encoder). */
  text(s: string): void {
    this.room(s.length)
    const buf = this.buf
    let at = this.length
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k)
      if (c >= 0x80) {
        this.length = at
        this.room(3 * (s.length - k))
        this.length += encoder.encodeInto(s.slice(k), this.buf.subarray(this.length)).written
        return
      }
      buf[at++] = c
    }
    this.length = at
  }

  private room(extra: number): void {
    if (this.length + extra <= this.buf.length) return
    const grown = new Uint8Array(Math.max(2 * this.buf.length, this.length + extra))
    grown.set(this.buf.subarray(0, this.length))
    this.buf = grown
    this.views.clear()
  }
}
