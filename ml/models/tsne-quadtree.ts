/**
 * scikit-learn's 2-D quadtree for Barnes-Hut t-SNE (sklearn/neighbors/_quad_tree.pyx): the root
 * spans the points (max bound nudged out by 1e-3), each leaf holds one point (or its duplicates
 * within 1e-6), each cell keeps its points' barycentre and count. Bounds and centres are rounded to
 * float32 as scikit-learn stores them, so the same points build the same cells. Written here: the
 * npm quadtrees (d3-quadtree, kdbush) keep no barycentres or cell widths.
 */
const EPSILON = 1e-6
const f32 = Math.fround

export interface QuadTree {
  count: number
  /** Per cell: [minX, minY, maxX, maxY, centreX, centreY, barycentreX, barycentreY, squared max width]. */
  geometry: Float64Array
  size: Int32Array
  leaf: Uint8Array
  /** Per cell, 4 child ids (−1: none), indexed 2·(x ≥ centreX) + (y ≥ centreY). */
  children: Int32Array
  point: Int32Array
}

const G = 9
const [MIN_X, MIN_Y, MAX_X, MAX_Y, CX, CY, BX, BY, WIDTH2] = [0, 1, 2, 3, 4, 5, 6, 7, 8]

function grow(t: QuadTree): void {
  const cap = t.size.length * 2
  const geometry = new Float64Array(cap * G)
  geometry.set(t.geometry)
  const size = new Int32Array(cap)
  size.set(t.size)
  const leaf = new Uint8Array(cap)
  leaf.set(t.leaf)
  const children = new Int32Array(cap * 4)
  children.set(t.children)
  const point = new Int32Array(cap)
  point.set(t.point)
  Object.assign(t, { geometry, size, leaf, children, point })
}

function newCell(t: QuadTree, minX: number, minY: number, maxX: number, maxY: number): number {
  if (t.count === t.size.length) grow(t)
  const c = t.count++
  const g = t.geometry
  const o = c * G
  g[o + MIN_X] = minX
  g[o + MIN_Y] = minY
  g[o + MAX_X] = maxX
  g[o + MAX_Y] = maxY
  g[o + CX] = f32((minX + maxX) / 2)
  g[o + CY] = f32((minY + maxY) / 2)
  g[o + WIDTH2] = Math.max(f32(maxX - minX) ** 2, f32(maxY - minY) ** 2)
  t.leaf[c] = 1
  t.size[c] = 0
  t.children.fill(-1, c * 4, c * 4 + 4)
  return c
}

/** scikit-learn's _insert_point_in_new_child: a child of `cell` holding (x, y) with `size` points. */
function newChild(t: QuadTree, cell: number, x: number, y: number, index: number, size: number): void {
  const g = t.geometry
  const o = cell * G
  const right = x >= g[o + CX]
  const up = y >= g[o + CY]
  const child = newCell(
    t,
    right ? g[o + CX] : g[o + MIN_X],
    up ? g[o + CY] : g[o + MIN_Y],
    right ? g[o + MAX_X] : g[o + CX],
    up ? g[o + MAX_Y] : g[o + CY],
  )
  t.geometry[child * G + BX] = x
  t.geometry[child * G + BY] = y
  t.point[child] = index
  t.size[child] = size
  t.leaf[cell] = 0
  t.point[cell] = -1
  t.children[cell * 4 + (right ? 2 : 0) + (up ? 1 : 0)] = child
}

function insert(t: QuadTree, x: number, y: number, index: number): void {
  let cell = 0
  for (;;) {
    const o = cell * G
    const g = t.geometry
    const n = t.size[cell]
    if (n === 0) {
      t.size[cell] = 1
      g[o + BX] = x
      g[o + BY] = y
      t.point[cell] = index
      return
    }
    if (!t.leaf[cell]) {
      g[o + BX] = f32((n * g[o + BX] + x) / (n + 1))
      g[o + BY] = f32((n * g[o + BY] + y) / (n + 1))
      t.size[cell] = n + 1
      const child = t.children[cell * 4 + (x >= g[o + CX] ? 2 : 0) + (y >= g[o + CY] ? 1 : 0)]
      if (child === -1) return newChild(t, cell, x, y, index, 1)
      cell = child
      continue
    }
    if (Math.abs(x - g[o + BX]) <= EPSILON && Math.abs(y - g[o + BY]) <= EPSILON) {
      t.size[cell] = n + 1
      return
    }
    // A leaf with another point: move that point down a level, then insert again here.
    newChild(t, cell, g[o + BX], g[o + BY], t.point[cell], n)
  }
}

/** An empty tree with room for `cells` cells (it grows when it needs more). */
export function emptyQuadTree(cells: number): QuadTree {
  const cap = Math.max(16, cells)
  return { count: 0, geometry: new Float64Array(cap * G), size: new Int32Array(cap), leaf: new Uint8Array(cap), children: new Int32Array(cap * 4), point: new Int32Array(cap) }
}

/**
 * The quadtree of the rows of Y (n × 2, row-major), inserted in row order as scikit-learn does;
 * built in `t`'s arrays (an iteration reuses the previous one's instead of allocating).
 */
export function buildQuadTree(Y: Float64Array, n: number, t: QuadTree = emptyQuadTree(3 * n)): QuadTree {
  t.count = 0
  const lo = [Infinity, Infinity]
  const hi = [-Infinity, -Infinity]
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < 2; a++) {
      lo[a] = Math.min(lo[a], f32(Y[2 * i + a]))
      hi[a] = Math.max(hi[a], f32(Y[2 * i + a]))
    }
  }
  // scikit-learn: every point strictly inside the box, for positive, negative and small maxima.
  const top = hi.map((m) => f32(Math.max(f32(m * f32(1 + 1e-3 * Math.sign(m))), f32(m + 1e-3))))
  newCell(t, lo[0], lo[1], top[0], top[1])
  for (let i = 0; i < n; i++) insert(t, f32(Y[2 * i]), f32(Y[2 * i + 1]), i)
  return t
}

/** Repulsion on one point, summed over the cells the θ criterion lets stand for their points. */
export interface Repulsion {
  /** Σ size · q over the summaries (q = 1 / (1 + d²)): this point's share of Z. */
  sumQ: number
  fx: number
  fy: number
}

/**
 * Adds to `acc` the repulsive force on (x, y) from the tree (scikit-learn's summarize +
 * compute_gradient_negative, in its order): a leaf, or a cell whose squared width over squared
 * distance is below θ², counts as its barycentre with its number of points; the point's own leaf
 * counts nothing. `stack`: scratch for as many cells as the tree has (an explicit stack instead
 * of recursion: the walk is most of t-SNE's time).
 */
export function repulsion(t: QuadTree, x: number, y: number, theta2: number, acc: Repulsion, stack: Int32Array): void {
  const { geometry: g, leaf, size, children } = t
  let sumQ = 0
  let fx = 0
  let fy = 0
  let top = 0
  stack[top++] = 0
  while (top > 0) {
    const cell = stack[--top]
    const o = cell * G
    const dx = f32(x - g[o + BX])
    const dy = f32(y - g[o + BY])
    const d2 = dx * dx + dy * dy
    const isLeaf = leaf[cell] === 1
    if (isLeaf && Math.abs(dx) <= EPSILON && Math.abs(dy) <= EPSILON) continue
    if (isLeaf || g[o + WIDTH2] / d2 < theta2) {
      const q = 1 / (1 + d2)
      const n = size[cell]
      sumQ += n * q
      const mult = n * q * q
      fx += mult * dx
      fy += mult * dy
      continue
    }
    // Pushed last to first, so child 0 is summed first, as scikit-learn's recursion does.
    for (let c = 3; c >= 0; c--) {
      const child = children[cell * 4 + c]
      if (child !== -1) stack[top++] = child
    }
  }
  acc.sumQ += sumQ
  acc.fx += fx
  acc.fy += fy
}
