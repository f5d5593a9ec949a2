import type { XYPosition } from '@xyflow/react'

/** A node to place: its id and the size it takes on the canvas. */
export interface Box {
  id: string
  width: number
  height: number
}

/** A wire between two boxes, by id. */
export interface Link {
  source: string
  target: string
}

/** Space between layers (columns), between nodes of a column, and between connected components. */
export const GAPS = { layer: 70, node: 40, component: 60 }

/** Margin around the whole layout, as ELK leaves one (its default padding). */
const PADDING = 12
/** Components are packed in rows about this much wider than tall (as ELK packs them). */
const ASPECT = 1.6
/** Barycenter sweeps (down then up) to untangle each column's order. */
const SWEEPS = 4

interface Indexed {
  parents: number[][]
  children: number[][]
}

function index(boxes: readonly Box[], links: readonly Link[]): Indexed {
  const at = new Map(boxes.map((b, i) => [b.id, i]))
  const parents: number[][] = boxes.map(() => [])
  const children: number[][] = boxes.map(() => [])
  for (const l of links) {
    const s = at.get(l.source)
    const t = at.get(l.target)
    if (s === undefined || t === undefined || s === t) continue
    parents[t].push(s)
    children[s].push(t)
  }
  return { parents, children }
}

/**
 * Columns by longest path from the sources (Kahn order); a node inside a cycle, which
 * validation refuses but an edit may briefly make, goes after its placed parents. A source
 * is pulled right to sit just before its first consumer (a model spec next to its Train).
 */
function layers(g: Indexed): { layer: number[]; order: number[] } {
  const n = g.parents.length
  const layer = new Array<number>(n).fill(0)
  const waiting = g.parents.map((p) => p.length)
  const order: number[] = []
  for (let i = 0; i < n; i++) if (waiting[i] === 0) order.push(i)
  for (let k = 0; k < order.length; k++) {
    const u = order[k]
    for (const c of g.children[u]) {
      layer[c] = Math.max(layer[c], layer[u] + 1)
      if (--waiting[c] === 0) order.push(c)
    }
  }
  const placed = new Set(order)
  for (let i = 0; i < n; i++) {
    if (placed.has(i)) continue
    for (const p of g.parents[i]) if (placed.has(p)) layer[i] = Math.max(layer[i], layer[p] + 1)
    placed.add(i)
    order.push(i)
  }
  for (let i = 0; i < n; i++) {
    if (g.parents[i].length || !g.children[i].length) continue
    let first = Infinity
    for (const c of g.children[i]) first = Math.min(first, layer[c])
    layer[i] = first - 1
  }
  return { layer, order }
}

/** Connected components (wires in either direction), each as its node indices in Kahn order. */
function components(g: Indexed, order: readonly number[]): number[][] {
  const root = g.parents.map((_, i) => i)
  const find = (i: number): number => {
    while (root[i] !== i) i = root[i] = root[root[i]]
    return i
  }
  g.children.forEach((cs, i) => cs.forEach((c) => (root[find(i)] = find(c))))
  const byRoot = new Map<number, number[]>()
  // Components in document order of their first node, members in Kahn order.
  for (let i = 0; i < root.length; i++) if (!byRoot.has(find(i))) byRoot.set(find(i), [])
  for (const i of order) byRoot.get(find(i))!.push(i)
  return [...byRoot.values()]
}

/** One component's columns, each ordered to cross few wires (barycenters of the neighbours' rows). */
function orderedColumns(members: readonly number[], layer: readonly number[], g: Indexed): number[][] {
  let lowest = Infinity
  for (const i of members) lowest = Math.min(lowest, layer[i])
  const columns: number[][] = []
  for (const i of members) (columns[layer[i] - lowest] ??= []).push(i)
  const cols = columns.filter((c) => c !== undefined)
  const row = new Map<number, number>()
  const number = () => cols.forEach((c) => c.forEach((i, r) => row.set(i, r)))
  number()
  const sortBy = (col: number[], near: readonly number[][]) => {
    const key = new Map(col.map((i) => [i, near[i].length ? near[i].reduce((s, j) => s + row.get(j)!, 0) / near[i].length : row.get(i)!]))
    col.sort((a, b) => key.get(a)! - key.get(b)!)
    col.forEach((i, r) => row.set(i, r))
  }
  for (let s = 0; s < SWEEPS; s++) {
    for (let c = 1; c < cols.length; c++) sortBy(cols[c], g.parents)
    for (let c = cols.length - 2; c >= 0; c--) sortBy(cols[c], g.children)
  }
  return cols
}

/**
 * Places one component from (0, 0): columns left to right; in each column a node sits level
 * with the middle of its parents where that does not overlap the node above it. Then, right to
 * left, a source moves down towards the middle of its consumers while it fits above the next node.
 */
function placeComponent(cols: readonly number[][], boxes: readonly Box[], g: Indexed, out: XYPosition[]) {
  const middle = (ids: readonly number[]) => ids.reduce((s, j) => s + out[j].y + boxes[j].height / 2, 0) / ids.length
  let x = 0
  let height = 0
  for (const col of cols) {
    let below = 0
    let width = 0
    for (const i of col) {
      const ps = g.parents[i].filter((p) => out[p] !== undefined)
      const y = Math.max(ps.length ? middle(ps) - boxes[i].height / 2 : below, below)
      out[i] = { x, y }
      below = y + boxes[i].height + GAPS.node
      width = Math.max(width, boxes[i].width)
    }
    x += width + GAPS.layer
  }
  for (let c = cols.length - 1; c >= 0; c--) {
    const col = cols[c]
    for (let r = col.length - 1; r >= 0; r--) {
      const i = col[r]
      if (g.parents[i].length || !g.children[i].length) continue
      const room = r + 1 < col.length ? out[col[r + 1]].y - GAPS.node - boxes[i].height : Infinity
      out[i].y = Math.max(out[i].y, Math.min(middle(g.children[i]) - boxes[i].height / 2, room))
    }
    for (const i of col) height = Math.max(height, out[i].y + boxes[i].height)
  }
  return { width: x - GAPS.layer, height }
}

/**
 * A layered left-to-right layout in time linear in the graph (a few sweeps), for graphs too
 * big for ELK's network-simplex placement to answer within a second. Connected components
 * are packed in rows in document order. Positions are top-left corners.
 */
export function layeredLayout(boxes: readonly Box[], links: readonly Link[]): Map<string, XYPosition> {
  const g = index(boxes, links)
  const { layer, order } = layers(g)
  const local: XYPosition[] = []
  const parts = components(g, order).map((members) => ({ members, ...placeComponent(orderedColumns(members, layer, g), boxes, g, local) }))
  const area = parts.reduce((s, p) => s + (p.width + GAPS.component) * (p.height + GAPS.component), 0)
  const rowWidth = parts.reduce((w, p) => Math.max(w, p.width), Math.sqrt(area * ASPECT))
  const out = new Map<string, XYPosition>()
  let [x, y, rowHeight] = [PADDING, PADDING, 0]
  for (const p of parts) {
    if (x > PADDING && x + p.width > PADDING + rowWidth) [x, y, rowHeight] = [PADDING, y + rowHeight + GAPS.component, 0]
    for (const i of p.members) out.set(boxes[i].id, { x: x + local[i].x, y: y + local[i].y })
    x += p.width + GAPS.component
    rowHeight = Math.max(rowHeight, p.height)
  }
  return out
}
