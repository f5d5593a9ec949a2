/**
 * Indices `i` (ascending) whose `idAt(i)` equals that of an earlier index. An open-addressing table
 * of indices in an Int32Array with a string hash of its own: a Set of 20 000 edge ids allocates
 * ≈ 1.3 MB of heap (its tables as they grow), a fresh plan's largest allocation after the keys.
 */
export function repeatedIds(count: number, idAt: (i: number) => string): number[] {
  let size = 16
  while (size < 2 * count) size *= 2
  const mask = size - 1
  const slots = new Int32Array(size).fill(-1)
  const repeats: number[] = []
  for (let i = 0; i < count; i++) {
    const id = idAt(i)
    let h = 0x811c9dc5
    for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), 0x01000193)
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const j = slots[s]
      if (j < 0) {
        slots[s] = i
        break
      }
      if (idAt(j) === id) {
        repeats.push(i)
        break
      }
    }
  }
  return repeats
}
