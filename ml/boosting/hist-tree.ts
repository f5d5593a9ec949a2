import type { RegressionTree } from './residual-tree'

/**
 * One tree of HistGradientBoosting grown best-first (scikit-learn's TreeGrower): the leaf whose
 * best split gains most is split next until maxLeafNodes leaves; gradient/hessian histograms per
 * node, the larger child's by subtraction from its parent. Gain and leaf values as scikit-learn:
 * gain = G_L²/H_L + G_R²/H_R − G²/H (with l2 added to each H), leaf = −G / (H + l2).
 */
export interface HistTreeOptions {
  maxLeafNodes: number
  minSamplesLeaf: number
  l2: number
}

const MIN_HESSIAN = 1e-3
const BINS = 256

interface Split {
  gain: number
  feature: number
  bin: number
}

interface Node {
  id: number
  start: number
  end: number
  G: number
  H: number
  depth: number
  hist: Float64Array
  split?: Split
}

export interface HistData {
  binned: Uint8Array
  rows: number
  cols: number
  /** Bins in use per feature. */
  nBins: Int32Array
  thresholds: Float64Array[]
}

function histogram(d: HistData, idx: Int32Array, start: number, end: number, g: Float32Array, h: Float32Array): Float64Array {
  const hist = new Float64Array(d.cols * BINS * 3)
  for (let f = 0; f < d.cols; f++) {
    const col = f * d.rows
    const base = f * BINS * 3
    for (let m = start; m < end; m++) {
      const i = idx[m]
      const at = base + d.binned[col + i] * 3
      hist[at] += g[i]
      hist[at + 1] += h[i]
      hist[at + 2]++
    }
  }
  return hist
}

/**
 * G·v at the node value v = −G/(H + l2 + 1e-15), computed as scikit-learn does: with float32
 * gradients summed exactly, a split of a pure node then gains slightly below 0 and is not taken.
 */
const lossOf = (G: number, H: number, l2: number) => G * (-G / (H + l2 + 1e-15))

function bestSplit(d: HistData, node: Node, o: HistTreeOptions): Split | undefined {
  const n = node.end - node.start
  const parent = lossOf(node.G, node.H, o.l2)
  let best: Split | undefined
  for (let f = 0; f < d.cols; f++) {
    const base = f * BINS * 3
    let gl = 0
    let hl = 0
    let nl = 0
    for (let b = 0; b < d.nBins[f] - 1; b++) {
      gl += node.hist[base + b * 3]
      hl += node.hist[base + b * 3 + 1]
      nl += node.hist[base + b * 3 + 2]
      if (nl < o.minSamplesLeaf) continue
      if (n - nl < o.minSamplesLeaf) break
      const hr = node.H - hl
      if (hl < MIN_HESSIAN) continue
      if (hr < MIN_HESSIAN) break
      const gr = node.G - gl
      const gain = parent - lossOf(gl, hl, o.l2) - lossOf(gr, hr, o.l2)
      if (gain > 0 && (!best || gain > best.gain)) best = { gain, feature: f, bin: b }
    }
  }
  return best
}

/** Grows one tree; returns it and the leaf value of every training row. */
export function growHistTree(d: HistData, g: Float32Array, h: Float32Array, o: HistTreeOptions, gains: Float64Array) {
  const idx = Int32Array.from({ length: d.rows }, (_, i) => i)
  const nodes: TreeNode[] = []
  let G = 0
  let H = 0
  for (let i = 0; i < d.rows; i++) (G += g[i]), (H += h[i])
  const make = (start: number, end: number, G: number, H: number, depth: number, hist: Float64Array): Node => {
    const node: Node = { id: nodes.length, start, end, G, H, depth, hist }
    nodes.push({ feature: -1, threshold: 0, left: -1, right: -1, value: -G / (H + o.l2 + 1e-15), start, end })
    if (end - start >= 2 * o.minSamplesLeaf) node.split = bestSplit(d, node, o)
    return node
  }
  const open = [make(0, d.rows, G, H, 0, histogram(d, idx, 0, d.rows, g, h))]
  let leaves = 1
  while (leaves < o.maxLeafNodes) {
    let pick = -1
    for (let k = 0; k < open.length; k++) if (open[k].split && (pick < 0 || open[k].split!.gain > open[pick].split!.gain)) pick = k
    if (pick < 0) break
    const node = open.splice(pick, 1)[0]
    const s = node.split!
    const mid = partition(d, idx, node.start, node.end, s)
    let gl = 0
    let hl = 0
    for (let m = node.start; m < mid; m++) (gl += g[idx[m]]), (hl += h[idx[m]])
    const leftSmaller = mid - node.start <= node.end - mid
    const small = leftSmaller ? histogram(d, idx, node.start, mid, g, h) : histogram(d, idx, mid, node.end, g, h)
    const large = node.hist
    for (let q = 0; q < large.length; q++) large[q] -= small[q]
    const [lh, rh] = leftSmaller ? [small, large] : [large, small]
    gains[s.feature] += s.gain
    const record = nodes[node.id]
    record.feature = s.feature
    record.threshold = d.thresholds[s.feature][s.bin]
    const left = make(node.start, mid, gl, hl, node.depth + 1, lh)
    const right = make(mid, node.end, node.G - gl, node.H - hl, node.depth + 1, rh)
    record.left = left.id
    record.right = right.id
    record.value = 0
    open.push(left, right)
    leaves++
  }
  return finishTree(nodes, idx, d.rows)
}

/** A grown node as the tree keeps it, with the range of `idx` its rows occupy. */
interface TreeNode {
  feature: number
  threshold: number
  left: number
  right: number
  value: number
  start: number
  end: number
}

/** Reorders idx[start, end) so the rows going left (bin ≤ the split's) come first; returns where the right ones begin. */
function partition(d: HistData, idx: Int32Array, start: number, end: number, s: Split): number {
  const col = s.feature * d.rows
  let mid = start
  for (let m = start; m < end; m++) {
    const i = idx[m]
    if (d.binned[col + i] <= s.bin) (idx[m] = idx[mid]), (idx[mid++] = i)
  }
  return mid
}

/** The grown nodes as a RegressionTree, and the leaf value of every training row. */
function finishTree(nodes: TreeNode[], idx: Int32Array, rows: number) {
  // scikit-learn's grower creates the root with value 0 and never recomputes it: a tree whose root
  // cannot split adds nothing (late iterations of a class that is already separated).
  if (nodes.length === 1) nodes[0].value = 0
  // A node's rows stay in its range once it exists (splits reorder only within it).
  const leafValue = new Float64Array(rows)
  for (const n of nodes) if (n.feature < 0) for (let m = n.start; m < n.end; m++) leafValue[idx[m]] = n.value
  const tree: RegressionTree = {
    feature: Int32Array.from(nodes, (n) => n.feature),
    threshold: Float64Array.from(nodes, (n) => n.threshold),
    left: Int32Array.from(nodes, (n) => n.left),
    right: Int32Array.from(nodes, (n) => n.right),
    value: Float64Array.from(nodes, (n) => (n.feature < 0 ? n.value : 0)),
  }
  return { tree, leafValue }
}
