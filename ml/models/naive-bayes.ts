/**
 * Gaussian naive Bayes as scikit-learn's GaussianNB: per-class means and population variances,
 * variances smoothed by 1e-9 × the largest feature variance, probabilities from the joint
 * log-likelihood with log-sum-exp. Written here because ml-naivebayes (4.0) scores only the
 * first two features (its loop bound is the length of one probability pair), uses the sample
 * standard deviation, and multiplies raw densities, which underflow to 0 on wide tables.
 */
export interface NaiveBayesState {
  classes: number
  cols: number
  /** classes × cols */
  means: Float64Array
  variances: Float64Array
  logPriors: Float64Array
}

export function fitNaiveBayes(X: Float64Array, cols: number, y: Float64Array, classes: number, varSmoothing = 1e-9): NaiveBayesState {
  const n = y.length
  const counts = new Float64Array(classes)
  const means = new Float64Array(classes * cols)
  const variances = new Float64Array(classes * cols)
  for (let i = 0; i < n; i++) {
    counts[y[i]]++
    for (let j = 0; j < cols; j++) means[y[i] * cols + j] += X[i * cols + j]
  }
  for (let c = 0; c < classes; c++) for (let j = 0; j < cols; j++) means[c * cols + j] /= counts[c] || 1
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < cols; j++) variances[y[i] * cols + j] += (X[i * cols + j] - means[y[i] * cols + j]) ** 2
  }
  for (let c = 0; c < classes; c++) for (let j = 0; j < cols; j++) variances[c * cols + j] /= counts[c] || 1
  let maxVar = 0
  for (let j = 0; j < cols; j++) {
    let m = 0
    let v = 0
    for (let i = 0; i < n; i++) m += X[i * cols + j] / n
    for (let i = 0; i < n; i++) v += (X[i * cols + j] - m) ** 2 / n
    maxVar = Math.max(maxVar, v)
  }
  const eps = varSmoothing * maxVar || 1e-12
  for (let i = 0; i < variances.length; i++) variances[i] += eps
  // A class absent from the training rows gets prior 0 (log −∞): it is never predicted.
  const logPriors = counts.map((c) => Math.log(c / n))
  return { classes, cols, means, variances, logPriors }
}

export function predictNaiveBayes(s: NaiveBayesState, X: Float64Array, rows: number) {
  const { classes: k, cols } = s
  const predicted = new Float64Array(rows)
  const probabilities = new Float64Array(rows * k)
  const joint = new Float64Array(k)
  for (let i = 0; i < rows; i++) {
    for (let c = 0; c < k; c++) {
      let ll = s.logPriors[c]
      for (let j = 0; j < cols; j++) {
        const v = s.variances[c * cols + j]
        ll -= 0.5 * Math.log(2 * Math.PI * v) + (X[i * cols + j] - s.means[c * cols + j]) ** 2 / (2 * v)
      }
      joint[c] = ll
    }
    const max = Math.max(...joint)
    let total = 0
    for (let c = 0; c < k; c++) total += Math.exp(joint[c] - max)
    let arg = 0
    for (let c = 0; c < k; c++) {
      probabilities[i * k + c] = Math.exp(joint[c] - max) / total
      if (joint[c] > joint[arg]) arg = c
    }
    predicted[i] = arg
  }
  return { predicted, probabilities }
}
