import { p } from '../../runtime/values/params'
import type { SvmConfig, SvmState } from '../svm/svm'
import { stateReader } from './state-check'

/** Kernel params shared by SVM and SVR (scikit-learn's SVC / SVR names and defaults). */
export const kernelConfig = () => ({
  kernel: p.select(['rbf', 'poly', 'linear', 'sigmoid'] as const, {
    default: 'rbf',
    title: 'Kernel',
    description: 'rbf: exp(−gamma·‖x − x′‖²); poly: (gamma·x·x′ + coef0)^degree; linear: x·x′; sigmoid: tanh(gamma·x·x′ + coef0).',
  }),
  C: p.number({ default: 1, gt: 0, max: 1e9, title: 'C', description: 'Cost of a margin violation: larger fits the training rows more closely.' }),
  gamma: p.select(['scale', 'auto', 'value'] as const, {
    default: 'scale',
    title: 'Gamma',
    description: 'scale: 1 / (features · variance of the features); auto: 1 / features; value: the number below.',
  }),
  gammaValue: p.number({ default: 0.1, gt: 0, max: 1e9, title: 'Gamma value', description: 'Used when Gamma is "value".' }),
  degree: p.int({ default: 3, min: 1, max: 20, title: 'Degree', description: 'Polynomial kernel only.' }),
  coef0: p.number({ default: 0, min: -1e9, max: 1e9, title: 'coef0', description: 'Polynomial and sigmoid kernels.', advanced: true }),
  tol: p.number({ default: 1e-3, gt: 0, max: 1, title: 'Tolerance', advanced: true }),
})

type KernelConfig = { kernel: SvmConfig['kernel']; C: number; gamma: 'scale' | 'auto' | 'value'; gammaValue: number; degree: number; coef0: number; tol: number }

/** The solver settings from a family config. */
export function svmConfig(c: KernelConfig, extra: { epsilon?: number; probability?: boolean; seed?: number }): SvmConfig {
  return {
    kernel: c.kernel,
    C: c.C,
    gamma: c.gamma === 'value' ? c.gammaValue : c.gamma,
    degree: c.degree,
    coef0: c.coef0,
    tol: c.tol,
    shrinking: true,
    epsilon: extra.epsilon ?? 0.1,
    probability: extra.probability ?? false,
    seed: extra.seed ?? 0,
  }
}

export function serializeSvm(s: SvmState): Record<string, unknown> {
  return { ...s }
}

export function deserializeSvm(title: string, v: Record<string, unknown>): SvmState {
  const r = stateReader(title, v)
  const cols = r.number('cols')
  const labels = r.i32('labels')
  const rho = r.f64('rho')
  const probA = r.raw('probA')
  return {
    classes: r.number('classes'),
    kernel: r.string('kernel', ['rbf', 'poly', 'linear', 'sigmoid']),
    gamma: r.number('gamma'),
    degree: r.number('degree'),
    coef0: r.number('coef0'),
    cols,
    sv: r.f64('sv'),
    coef: r.f64('coef'),
    rho,
    labels,
    nSV: r.i32('nSV'),
    ...(probA !== undefined ? { probA: r.f64('probA', rho.length), probB: r.f64('probB', rho.length) } : {}),
  }
}
