/**
 * ROC curves and AUC the way scikit-learn computes them (`roc_curve`, `roc_auc_score`):
 * one point per distinct score (tied scores move the curve diagonally, never in a
 * staircase that depends on row order), collinear points dropped, a first point at (0, 0)
 * with threshold +∞, and the area by the trapezoid rule.
 */

export interface RocCurve {
  fpr: number[]
  tpr: number[]
  /** Score threshold of each point (a row is positive when score ≥ threshold). */
  thresholds: number[]
}

/**
 * ROC curve of a binary problem. `positive[i]` says whether row i is in the positive class.
 * Returns undefined when only one class is present (false or true positive rate undefined).
 */
export function rocCurve(positive: ArrayLike<boolean>, scores: ArrayLike<number>, dropIntermediate = true): RocCurve | undefined {
  const n = scores.length
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a])
  // Cumulative true/false positives at the last row of each run of equal scores.
  let fps: number[] = []
  let tps: number[] = []
  let thresholds: number[] = []
  let tp = 0
  for (let r = 0; r < n; r++) {
    tp += positive[order[r]] ? 1 : 0
    const s = scores[order[r]]
    if (r === n - 1 || scores[order[r + 1]] !== s) {
      tps.push(tp)
      fps.push(r + 1 - tp)
      thresholds.push(s)
    }
  }
  if (dropIntermediate && fps.length > 2) {
    // Keep the ends and every point where the curve changes direction (sklearn's second difference test).
    const keep = fps.map(
      (_, i) =>
        i === 0 ||
        i === fps.length - 1 ||
        fps[i + 1] - 2 * fps[i] + fps[i - 1] !== 0 ||
        tps[i + 1] - 2 * tps[i] + tps[i - 1] !== 0,
    )
    fps = fps.filter((_, i) => keep[i])
    tps = tps.filter((_, i) => keep[i])
    thresholds = thresholds.filter((_, i) => keep[i])
  }
  const totalP = tps[tps.length - 1] ?? 0
  const totalN = fps[fps.length - 1] ?? 0
  if (totalP === 0 || totalN === 0) return undefined
  return {
    fpr: [0, ...fps.map((f) => f / totalN)],
    tpr: [0, ...tps.map((t) => t / totalP)],
    thresholds: [Infinity, ...thresholds],
  }
}

/** Area under a curve by the trapezoid rule (x must be monotonic, as on an ROC curve). */
export function trapezoidArea(x: number[], y: number[]): number {
  let area = 0
  for (let i = 1; i < x.length; i++) area += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2
  return Math.abs(area)
}

export interface ClassRoc {
  /** Class index the curve treats as positive (one-vs-rest). */
  cls: number
  curve: RocCurve
  auc: number
}

/**
 * One-vs-rest ROC curves from a rows × k probability matrix: class c's scores are column c.
 * Classes listed in `classes` only (e.g. just the positive class of a binary problem).
 * A class with no true rows (or only true rows) has no curve and is reported in `undefinedFor`.
 */
export function oneVsRestRoc(
  actual: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  k: number,
  classes: number[],
): { curves: ClassRoc[]; undefinedFor: number[] } {
  const curves: ClassRoc[] = []
  const undefinedFor: number[] = []
  for (const cls of classes) {
    const positive = Array.from(actual, (a) => a === cls)
    const scores = Array.from({ length: actual.length }, (_, i) => probabilities[i * k + cls])
    const curve = rocCurve(positive, scores)
    if (curve) curves.push({ cls, curve, auc: trapezoidArea(curve.fpr, curve.tpr) })
    else undefinedFor.push(cls)
  }
  return { curves, undefinedFor }
}
