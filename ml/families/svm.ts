import { p, seedParam } from '../../runtime/values/params'
import { predictSvm } from '../svm/predict'
import { fitSvm, type StepRunner } from '../svm/svm'
import { runCancellable } from './checkpoint'
import { defineFamily } from './family'
import { deserializeSvm, kernelConfig, serializeSvm, svmConfig } from './svm-config'

/** scikit-learn's SVC: libsvm's C-SVC with a kernel, one-vs-one for more than two classes. */
export const svm = defineFamily({
  id: 'svm',
  // 2: libsvm 3.24 on dense rows (ml/svm/libsvm) instead of libsvm-js: dot products summed in
  // another order change the last bits of some fits, and the probability folds draw other random numbers.
  version: 2,
  title: 'SVM (kernel)',
  description:
    'Support vector classifier with a kernel (RBF by default), trained by libsvm, the solver scikit-learn\'s SVC wraps, with the ' +
    'same defaults, so it makes the same predictions. More than two classes vote one-vs-one. Gives decision scores; turn on ' +
    'probabilities for Platt-scaled class probabilities (fitted by internal 5-fold cross-validation, slower). Scale the features first.',
  tasks: ['classification'],
  gradient: false,
  config: () => ({
    ...kernelConfig(),
    probability: p.bool({ default: false, title: 'Probabilities', description: 'Platt scaling, as scikit-learn\'s probability=True.' }),
    seed: seedParam('With probabilities: which rows fall in each of the Platt scaling folds (scikit-learn\'s random_state). Without, the fit draws nothing.'),
  }),
  async fit(t, config, ctx) {
    const classes = t.classes!.length
    const run: StepRunner = (steps) => runCancellable(steps, ctx.signal)
    const state = await fitSvm(t.X.values, t.X.rows, t.X.cols, t.y!, classes, svmConfig(config, { probability: config.probability, seed: config.seed }), run)
    return { state, summary: { supportVectors: state.sv.length / state.cols, gamma: state.gamma } }
  },
  predict: (s, X, rows) => predictSvm(s, X, rows),
  serialize: serializeSvm,
  deserialize: (v) => deserializeSvm('SVM', v),
})
