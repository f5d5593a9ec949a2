import type { EntryInfo } from './types'

interface Slot {
  value: unknown
  info: EntryInfo
  bytes: number
}

/** Live decoded values, least recently used evicted first once over the byte budget. */
export class MemoryCache {
  private readonly slots = new Map<string, Slot>()
  private total = 0

  constructor(private readonly capBytes: number) {}

  get(key: string): Slot | undefined {
    const slot = this.slots.get(key)
    if (!slot) return undefined
    this.slots.delete(key)
    this.slots.set(key, slot)
    return slot
  }

  set(key: string, value: unknown, info: EntryInfo, bytes: number): void {
    this.delete(key)
    if (bytes > this.capBytes) return
    this.slots.set(key, { value, info, bytes })
    this.total += bytes
    for (const [k, slot] of this.slots) {
      if (this.total <= this.capBytes) break
      this.slots.delete(k)
      this.total -= slot.bytes
    }
  }

  delete(key: string): void {
    const slot = this.slots.get(key)
    if (!slot) return
    this.slots.delete(key)
    this.total -= slot.bytes
  }

  clear(): void {
    this.slots.clear()
    this.total = 0
  }

  get bytes(): number {
    return this.total
  }

  get size(): number {
    return this.slots.size
  }
}
