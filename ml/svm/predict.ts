import { svmDecision, type SvmState } from './svm'

export interface SvmPredictions {
  /** Class index (classification) or value (regression) per row. */
  predicted: Float64Array
  /** rows × classes: scikit-learn's decision_function ('ovr' shape; for two classes −s, s). */
  scores?: Float64Array
  /** rows × classes Platt probabilities, when the model was fitted with probability. */
  probabilities?: Float64Array
}

/** Scores rows as scikit-learn's SVC / SVR: predict, decision_function and predict_proba. */
export function predictSvm(s: SvmState, X: Float64Array, rows: number): SvmPredictions {
  const dec = svmDecision(s, X, rows)
  if (!s.classes) return { predicted: dec }
  const k = s.classes
  const groups = s.labels.length
  const pairs = (groups * (groups - 1)) / 2
  const predicted = new Float64Array(rows)
  const scores = new Float64Array(rows * k)
  const votes = new Float64Array(k)
  const confidence = new Float64Array(k)
  for (let r = 0; r < rows; r++) {
    votes.fill(0)
    confidence.fill(0)
    let p = 0
    for (let i = 0; i < groups; i++) {
      for (let j = i + 1; j < groups; j++, p++) {
        const d = dec[r * pairs + p]
        const a = s.labels[i]
        const b = s.labels[j]
        // libsvm votes for the first class of the pair only when the decision is positive.
        votes[d > 0 ? a : b]++
        confidence[a] += d
        confidence[b] -= d
      }
    }
    // scikit-learn's libsvm keeps classes sorted, so a tie in votes goes to the lowest class index.
    let best = 0
    for (let c = 1; c < k; c++) if (votes[c] > votes[best]) best = c
    predicted[r] = best
    if (k === 2) {
      const s1 = s.labels[0] === 1 ? dec[r] : -dec[r]
      scores[r * 2] = -s1
      scores[r * 2 + 1] = s1
    } else {
      for (let c = 0; c < k; c++) scores[r * k + c] = votes[c] + confidence[c] / (3 * (Math.abs(confidence[c]) + 1))
    }
  }
  const probabilities = s.probA && s.probB ? plattProbabilities(s, dec, rows) : undefined
  return { predicted, scores, ...(probabilities ? { probabilities } : {}) }
}

function sigmoidPredict(d: number, a: number, b: number): number {
  const f = d * a + b
  return f >= 0 ? Math.exp(-f) / (1 + Math.exp(-f)) : 1 / (1 + Math.exp(f))
}

/** libsvm's svm_predict_probability: pairwise Platt sigmoids coupled into class probabilities. */
function plattProbabilities(s: SvmState, dec: Float64Array, rows: number): Float64Array {
  const k = s.classes
  const groups = s.labels.length
  const pairs = (groups * (groups - 1)) / 2
  const out = new Float64Array(rows * k)
  const r2 = new Float64Array(groups * groups)
  const minProb = 1e-7
  for (let r = 0; r < rows; r++) {
    let p = 0
    for (let i = 0; i < groups; i++) {
      for (let j = i + 1; j < groups; j++, p++) {
        const v = Math.min(Math.max(sigmoidPredict(dec[r * pairs + p], s.probA![p], s.probB![p]), minProb), 1 - minProb)
        r2[i * groups + j] = v
        r2[j * groups + i] = 1 - v
      }
    }
    const probs = groups === 2 ? Float64Array.of(r2[1], 1 - r2[1]) : coupled(groups, r2)
    for (let g = 0; g < groups; g++) out[r * k + s.labels[g]] = probs[g]
  }
  return out
}

/** Wu, Lin and Weng's pairwise coupling (libsvm's multiclass_probability), same iteration and stop. */
function coupled(k: number, r: Float64Array): Float64Array {
  const Q = new Float64Array(k * k)
  const Qp = new Float64Array(k)
  const p = new Float64Array(k).fill(1 / k)
  for (let t = 0; t < k; t++) {
    for (let j = 0; j < t; j++) {
      Q[t * k + t] += r[j * k + t] * r[j * k + t]
      Q[t * k + j] = Q[j * k + t]
    }
    for (let j = t + 1; j < k; j++) {
      Q[t * k + t] += r[j * k + t] * r[j * k + t]
      Q[t * k + j] = -r[j * k + t] * r[t * k + j]
    }
  }
  const eps = 0.005 / k
  for (let iter = 0; iter < Math.max(100, k); iter++) {
    let pQp = 0
    for (let t = 0; t < k; t++) {
      Qp[t] = 0
      for (let j = 0; j < k; j++) Qp[t] += Q[t * k + j] * p[j]
      pQp += p[t] * Qp[t]
    }
    let maxError = 0
    for (let t = 0; t < k; t++) maxError = Math.max(maxError, Math.abs(Qp[t] - pQp))
    if (maxError < eps) break
    for (let t = 0; t < k; t++) {
      const diff = (-Qp[t] + pQp) / Q[t * k + t]
      p[t] += diff
      pQp = (pQp + diff * (diff * Q[t * k + t] + 2 * Qp[t])) / (1 + diff) / (1 + diff)
      for (let j = 0; j < k; j++) {
        Qp[j] = (Qp[j] + diff * Q[t * k + j]) / (1 + diff)
        p[j] /= 1 + diff
      }
    }
  }
  return p
}
