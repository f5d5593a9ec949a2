/**
 * Exact k nearest neighbours of every row (squared Euclidean), by brute force over the pairs: each
 * pair's distance is computed once and offered to both rows' bounded max-heaps. O(n² d), which at
 * t-SNE's sizes (a few thousand rows) costs less than the optimisation; scikit-learn's
 * NearestNeighbors gives the same sets (ties aside).
 */
export interface Neighbours {
  /** n × k row indices, nearest first. */
  index: Int32Array
  /** n × k squared distances, matching `index`. */
  sqd: Float64Array
}

/** Offers (d, j) to the max-heap of row i (k slots at i·k, `filled[i]` of them used). */
function offer(h: Neighbours, filled: Int32Array, k: number, i: number, d: number, j: number): void {
  const o = i * k
  let pos: number
  if (filled[i] < k) {
    pos = filled[i]++
    while (pos > 0) {
      const parent = (pos - 1) >> 1
      if (h.sqd[o + parent] >= d) break
      h.sqd[o + pos] = h.sqd[o + parent]
      h.index[o + pos] = h.index[o + parent]
      pos = parent
    }
  } else {
    if (d >= h.sqd[o]) return
    pos = 0
    for (;;) {
      const left = 2 * pos + 1
      if (left >= k) break
      const child = left + 1 < k && h.sqd[o + left + 1] > h.sqd[o + left] ? left + 1 : left
      if (h.sqd[o + child] <= d) break
      h.sqd[o + pos] = h.sqd[o + child]
      h.index[o + pos] = h.index[o + child]
      pos = child
    }
  }
  h.sqd[o + pos] = d
  h.index[o + pos] = j
}

/** Orders one row's heap nearest first. */
function sortRow(h: Neighbours, k: number, i: number): void {
  const o = i * k
  const order = Array.from({ length: k }, (_, m) => m).sort((a, b) => h.sqd[o + a] - h.sqd[o + b] || h.index[o + a] - h.index[o + b])
  const idx = order.map((m) => h.index[o + m])
  const dist = order.map((m) => h.sqd[o + m])
  h.index.set(idx, o)
  h.sqd.set(dist, o)
}

/** The k nearest other rows of each row of X (n × d, row-major). */
export function nearestNeighbours(X: Float64Array, n: number, d: number, k: number): Neighbours {
  const h: Neighbours = { index: new Int32Array(n * k), sqd: new Float64Array(n * k) }
  const filled = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const oi = i * d
    for (let j = i + 1; j < n; j++) {
      const oj = j * d
      let s = 0
      for (let c = 0; c < d; c++) {
        const t = X[oi + c] - X[oj + c]
        s += t * t
      }
      offer(h, filled, k, i, s, j)
      offer(h, filled, k, j, s, i)
    }
  }
  for (let i = 0; i < n; i++) sortRow(h, k, i)
  return h
}
