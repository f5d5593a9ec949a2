import { p } from '../../runtime/values/params'
import { predictSvm } from '../svm/predict'
import { fitSvm, type StepRunner } from '../svm/svm'
import { runCancellable } from './checkpoint'
import { defineFamily } from './family'
import { deserializeSvm, kernelConfig, serializeSvm, svmConfig } from './svm-config'

/** scikit-learn's SVR: libsvm's epsilon-SVR with a kernel. */
export const svr = defineFamily({
  id: 'svr',
  // 2: libsvm 3.24 on dense rows (ml/svm/libsvm) instead of libsvm-js: dot products summed in
  // another order change the last bits of some fits.
  version: 2,
  title: 'SVR (kernel)',
  description:
    'Support vector regression with a kernel (RBF by default): errors within epsilon cost nothing. Trained by libsvm, the ' +
    'solver scikit-learn\'s SVR wraps, with the same defaults. Epsilon is in the target\'s units: scale features (and a ' +
    'target with a large range) first.',
  tasks: ['regression'],
  gradient: false,
  config: () => ({
    ...kernelConfig(),
    epsilon: p.number({ default: 0.1, min: 0, max: 1e9, title: 'Epsilon', description: 'Half-width of the no-penalty tube, in target units.' }),
  }),
  async fit(t, config, ctx) {
    const run: StepRunner = (steps) => runCancellable(steps, ctx.signal)
    const state = await fitSvm(t.X.values, t.X.rows, t.X.cols, t.y!, 0, svmConfig(config, { epsilon: config.epsilon }), run)
    return { state, summary: { supportVectors: state.sv.length / state.cols, gamma: state.gamma } }
  },
  predict: (s, X, rows) => ({ predicted: predictSvm(s, X, rows).predicted }),
  serialize: serializeSvm,
  deserialize: (v) => deserializeSvm('SVR', v),
})
