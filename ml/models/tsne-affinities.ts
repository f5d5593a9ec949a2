/**
 * t-SNE's input affinities as scikit-learn 1.2 computes them (sklearn/manifold/_t_sne.py and
 * _utils.pyx): per row, a binary search on the Gaussian's precision β until the entropy of the
 * conditional distribution is log(perplexity) within 1e-5 (at most 100 steps), on squared
 * distances rounded to float32; then P = (P + Pᵀ) / ΣP. Its floor MACHINE_EPSILON (float64 ε) is Number.EPSILON here.
 */
const PERPLEXITY_TOLERANCE = 1e-5

/**
 * Conditional probabilities of each row over its `cols` candidates (squared distances in `sqd`,
 * rows × cols, float32-rounded); `selfColumn` true when column i of row i is the row itself
 * (the dense case), which then gets 0.
 */
export function conditionalProbabilities(sqd: Float64Array, rows: number, cols: number, perplexity: number, selfColumn: boolean): Float64Array {
  const P = new Float64Array(rows * cols)
  const target = Math.log(perplexity)
  for (let i = 0; i < rows; i++) {
    const o = i * cols
    let beta = 1
    let lo = -Infinity
    let hi = Infinity
    for (let step = 0; step < 100; step++) {
      let sum = 0
      for (let j = 0; j < cols; j++) {
        if (selfColumn && j === i) continue
        sum += P[o + j] = Math.exp(-sqd[o + j] * beta)
      }
      if (sum === 0) sum = 1e-8
      let weighted = 0
      for (let j = 0; j < cols; j++) {
        P[o + j] /= sum
        weighted += sqd[o + j] * P[o + j]
      }
      const diff = Math.log(sum) + beta * weighted - target
      if (Math.abs(diff) <= PERPLEXITY_TOLERANCE) break
      if (diff > 0) {
        lo = beta
        beta = hi === Infinity ? beta * 2 : (beta + hi) / 2
      } else {
        hi = beta
        beta = lo === -Infinity ? beta / 2 : (beta + lo) / 2
      }
    }
  }
  return P
}

/** Dense joint probabilities (n × n, zero diagonal, each off-diagonal entry at least machine ε) from squared distances. */
export function jointProbabilities(D: Float64Array, n: number, perplexity: number): Float64Array {
  const sqd = D.map(Math.fround)
  const C = conditionalProbabilities(sqd, n, n, perplexity, true)
  let total = 0
  for (let k = 0; k < n * n; k++) total += C[k]
  total = Math.max(2 * total, Number.EPSILON)
  const P = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      P[i * n + j] = P[j * n + i] = Math.max((C[i * n + j] + C[j * n + i]) / total, Number.EPSILON)
    }
  }
  return P
}

/** A sparse symmetric matrix in compressed rows, columns ascending within a row. */
export interface SparseRows {
  indptr: Int32Array
  indices: Int32Array
  values: Float64Array
}

/**
 * Joint probabilities over the k nearest neighbours (scikit-learn's _joint_probabilities_nn):
 * conditional P on each row's neighbours, symmetrised (an entry present in either direction) and
 * divided by the total.
 */
export function neighbourJointProbabilities(neighbours: Int32Array, sqd: Float64Array, n: number, k: number, perplexity: number): SparseRows {
  const C = conditionalProbabilities(sqd.map(Math.fround), n, k, perplexity, false)
  const degree = new Int32Array(n + 1)
  for (let i = 0; i < n; i++) {
    degree[i] += k
    for (let m = 0; m < k; m++) degree[neighbours[i * k + m]]++
  }
  const start = new Int32Array(n + 1)
  for (let i = 0; i < n; i++) start[i + 1] = start[i] + degree[i]
  const fill = start.slice(0, n)
  const cols = new Int32Array(start[n])
  const vals = new Float64Array(start[n])
  let total = 0
  for (let i = 0; i < n; i++) {
    for (let m = 0; m < k; m++) {
      const j = neighbours[i * k + m]
      const v = C[i * k + m]
      total += 2 * v
      cols[fill[i]] = j
      vals[fill[i]++] = v
      cols[fill[j]] = i
      vals[fill[j]++] = v
    }
  }
  return mergeRows(start, cols, vals, n, Math.max(total, Number.EPSILON))
}

/** Sorts each row's entries by column, adds duplicates (i→j and j→i both present) and scales by 1 / total. */
function mergeRows(start: Int32Array, cols: Int32Array, vals: Float64Array, n: number, total: number): SparseRows {
  const indptr = new Int32Array(n + 1)
  const indices = new Int32Array(cols.length)
  const values = new Float64Array(cols.length)
  let out = 0
  const order: number[] = []
  for (let i = 0; i < n; i++) {
    order.length = 0
    for (let e = start[i]; e < start[i + 1]; e++) order.push(e)
    order.sort((a, b) => cols[a] - cols[b])
    for (let m = 0; m < order.length; m++) {
      const e = order[m]
      if (m > 0 && cols[order[m - 1]] === cols[e]) values[out - 1] += vals[e]
      else {
        indices[out] = cols[e]
        values[out++] = vals[e]
      }
    }
    indptr[i + 1] = out
  }
  for (let e = 0; e < out; e++) values[e] /= total
  return { indptr, indices: indices.slice(0, out), values: values.slice(0, out) }
}
