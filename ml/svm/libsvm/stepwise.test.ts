import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { seededRandom } from '../../../runtime/exec/rng'
import { expected, loadSplit } from '../../../tests/fixtures/sklearn/load'
import { runCancellable } from '../../families/checkpoint'
import type { Stepwise } from '../../stepwise'
import { predictSvm } from '../predict'
import { fitSvm, SVM_DEFAULTS, type SvmConfig, type SvmState } from '../svm'
import { LIBSVM_SOURCE_SHA256 } from './libsvm-wasm'

/** rows × 10 uniform features, three noisy classes: three one-vs-one solves, each with five probability folds. */
function threeClasses(rows: number) {
  const cols = 10
  const r = seededRandom(5)
  const X = Float64Array.from({ length: rows * cols }, () => 2 * r() - 1)
  const y = Float64Array.from({ length: rows }, (_, i) => {
    const s = X[i * cols] + X[i * cols + 1] * X[i * cols + 2] + (r() - 0.5)
    return s < -0.3 ? 0 : s < 0.3 ? 1 : 2
  })
  return { X, y, rows, cols }
}

const plain = (s: SvmState) => JSON.stringify(Object.entries(s).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v]))

describe('libsvm wasm build', () => {
  it('is built from the committed sources (npm run build:svm after editing them)', () => {
    const h = createHash('sha256')
    for (const name of ['svm.h', 'svm.cpp', 'api.cpp', 'build-libsvm.mjs']) h.update(readFileSync(new URL(`./${name}`, import.meta.url)))
    expect(h.digest('hex')).toBe(LIBSVM_SOURCE_SHA256)
  })
})

describe('a fit in slices (cancellable)', () => {
  const data = threeClasses(1_200)
  const config: SvmConfig = { ...SVM_DEFAULTS, probability: true }
  let whole: SvmState
  beforeAll(async () => {
    whole = await fitSvm(data.X, data.rows, data.cols, data.y, 3, config)
  })

  it('gives the same model, to the bit, as a fit in one go, and lets the event loop run between slices', async () => {
    let steps = 0
    let ticks = 0
    const timer = setInterval(() => ticks++, 0)
    const counted = async <T>(s: Stepwise<T>) => {
      const r = await runCancellable(
        (function* () {
          for (;;) {
            const n = s.next()
            if (n.done) return n.value
            steps++
            yield
          }
        })(),
        new AbortController().signal,
      )
      return r
    }
    const sliced = await fitSvm(data.X, data.rows, data.cols, data.y, 3, config, counted)
    clearInterval(timer)
    expect(plain(sliced)).toBe(plain(whole))
    expect(steps).toBeGreaterThan(3)
    expect(ticks).toBeGreaterThan(0)
  })

  it('two fits interleaved in one thread each give what they give alone', async () => {
    const { train } = loadSplit('wine', true)
    const alone = await fitSvm(train.X, train.rows, train.cols, train.y, 3, SVM_DEFAULTS)
    const signal = new AbortController().signal
    const run = <T>(s: Stepwise<T>) => runCancellable(s, signal, 0)
    const [big, wine] = await Promise.all([
      fitSvm(data.X, data.rows, data.cols, data.y, 3, config, run),
      fitSvm(train.X, train.rows, train.cols, train.y, 3, SVM_DEFAULTS, run),
    ])
    expect(plain(wine)).toBe(plain(alone))
    expect(plain(big)).toBe(plain(whole))
  })

  it('an aborted fit rejects, and the next fit still matches scikit-learn', async () => {
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 20)
    const run = <T>(s: Stepwise<T>) => runCancellable(s, controller.signal)
    await expect(fitSvm(data.X, data.rows, data.cols, data.y, 3, config, run)).rejects.toThrow('Training was cancelled.')
    const { train, test } = loadSplit('iris', true)
    const state = await fitSvm(train.X, train.rows, train.cols, train.y, 3, SVM_DEFAULTS)
    expect(Array.from(predictSvm(state, test.X, test.rows).predicted)).toEqual(expected('iris').svm.rbf.predictions)
  })
})
