import { fnv1a } from '../keys/fnv1a.mjs'

/**
 * Ids → the index of their first occurrence, for a list read through `idAt`: an open-addressing
 * table of indices in an Int32Array, hashed by FNV-1a. A Map of 10 000 node ids
 * (or a Set of 20 000 edge ids) allocates its tables on the heap as it grows, at every plan of a
 * freshly loaded document; this allocates two typed arrays.
 */
export class IdIndex {
  /** entry `i` → index of the first entry with the same id (`i` itself for a first occurrence) */
  readonly first: Int32Array
  private readonly slots: Int32Array
  private readonly mask: number

  constructor(
    readonly count: number,
    private readonly idAt: (i: number) => string,
  ) {
    let size = 16
    while (size < 2 * count) size *= 2
    this.mask = size - 1
    this.slots = new Int32Array(size).fill(-1)
    this.first = new Int32Array(count)
    for (let i = 0; i < count; i++) {
      const id = idAt(i)
      let s = fnv1a(id) & this.mask
      for (let j = this.slots[s]; j >= 0; j = this.slots[(s = (s + 1) & this.mask)]) {
        if (idAt(j) === id) break
      }
      const j = this.slots[s]
      if (j < 0) this.slots[s] = i
      this.first[i] = j < 0 ? i : j
    }
  }

  /** The index of the first entry with this id. */
  get(id: string): number | undefined {
    for (let s = fnv1a(id) & this.mask; ; s = (s + 1) & this.mask) {
      const j = this.slots[s]
      if (j < 0) return undefined
      if (this.idAt(j) === id) return j
    }
  }

  has(id: string): boolean {
    return this.get(id) !== undefined
  }

  /** Each id once, in the order of its first occurrence. */
  keys(): string[] {
    const out: string[] = []
    for (let i = 0; i < this.count; i++) if (this.first[i] === i) out.push(this.idAt(i))
    return out
  }

  /** Entries whose id an earlier entry has, ascending. */
  repeats(): number[] {
    const out: number[] = []
    for (let i = 0; i < this.count; i++) if (this.first[i] !== i) out.push(i)
    return out
  }
}
