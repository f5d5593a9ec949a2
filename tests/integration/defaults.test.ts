import '@tensorflow/tfjs-backend-wasm'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { fitLeastSquares } from '../../ml/linear/least-squares'
import { fitLogistic, LOGISTIC_DEFAULTS, predictLogistic } from '../../ml/linear/logistic'
import { predictLinear } from '../../ml/linear/centered'
import { regressionScores } from '../../ml/metrics/regression'
import { featureMatrix, targetVector } from '../../ml/table/table'
import { allNodes } from '../../nodes'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import type { NodeDefinition } from '../../runtime/node-api/define-node'
import type { Dataset, Splits } from '../../runtime/values/dataset'
import type { Metrics } from '../../runtime/values/ml'
import { runNode, textFile } from '../support/table-testing'

/**
 * A graph wired with every param at its default — CSV → split → linear regression → train →
 * predict → regression metrics, no loss or optimizer — on scikit-learn's diabetes data reaches
 * the test R² of scikit-learn's default LinearRegression on the same rows. (The reference is
 * ml/linear's least squares, which ml/linear/linear.test.ts matches to scikit-learn's
 * coefficients to 1e-6 on the fixture split.) Before exact solvers, this graph scored R² ≈ −3.
 */
beforeAll(() => setupNodeBackend())

const node = (type: string) => allNodes.find((n) => n.type === type) as NodeDefinition<any>
const csv = readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'data', 'diabetes.csv'), 'utf8')

describe('default graphs land on scikit-learn\'s default model', () => {
  it('linear regression on diabetes: test R² within 0.02 of LinearRegression (here: equal to 1e-5)', async () => {
    const file = textFile(csv, 'diabetes.csv')
    const data = (await runNode(node('data.csv'), {}, { path: 'diabetes.csv', target: 'progression' }, { path: file })).data as Dataset
    const splits = (await runNode(node('transform.split'), { data })).data as Splits
    const spec = (await runNode(node('model.linear-regression'), {})).model
    const model = (await runNode(node('train.fit'), { model: spec, data: splits })).model
    const predictions = (await runNode(node('predict.apply'), { model, data: splits })).predictions
    const metrics = (await runNode(node('metric.regression'), { predictions })).metrics as Metrics

    const train = featureMatrix(splits.train)
    const test = featureMatrix(splits.test!)
    const reference = fitLeastSquares(train.values, train.rows, train.cols, targetVector(splits.train)!.values)
    const r2 = regressionScores(targetVector(splits.test!)!.values, predictLinear(reference, test.values, test.rows)).r2!
    expect(r2).toBeGreaterThan(0.3)
    expect(Math.abs(metrics.scalars.r2 - r2)).toBeLessThan(1e-5)
  })

  it('logistic regression on iris: test accuracy equal to LogisticRegression() on the same rows', async () => {
    const data = (await runNode(node('data.iris'), {})).data as Dataset
    const splits = (await runNode(node('transform.split'), { data })).data as Splits
    const spec = (await runNode(node('model.logistic-regression'), {})).model
    const model = (await runNode(node('train.fit'), { model: spec, data: splits })).model
    const predictions = (await runNode(node('predict.apply'), { model, data: splits })).predictions
    const metrics = (await runNode(node('metric.classification'), { predictions })).metrics as Metrics

    const train = featureMatrix(splits.train)
    const test = featureMatrix(splits.test!)
    const { state } = fitLogistic(train.values, train.rows, train.cols, targetVector(splits.train)!.values, 3, LOGISTIC_DEFAULTS)
    const p = predictLogistic(state, test.values, test.rows)
    const y = targetVector(splits.test!)!.values
    let hits = 0
    for (let i = 0; i < test.rows; i++) {
      let best = 0
      for (let c = 1; c < 3; c++) if (p[i * 3 + c] > p[i * 3 + best]) best = c
      hits += best === y[i] ? 1 : 0
    }
    expect(hits / test.rows).toBeGreaterThan(0.9)
    expect(metrics.scalars.accuracy).toBe(hits / test.rows)
  })
})
