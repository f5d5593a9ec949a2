import { p, seedParam } from '../../runtime/values/params'

/** Config params several families share. */

/** L2 penalty strength, scikit-learn's `alpha`. */
export const alphaParam = (d: number) =>
  p.number({ default: d, min: 0, max: 100, title: 'L2 penalty (alpha)', description: 'Objective = mean loss + alpha/2 · ‖weights‖².' })

export const maxDepthParam = () =>
  p.int({ default: 0, min: 0, max: 100, title: 'Max depth', description: '0 = grow until the leaves are pure.' })

export const minSamplesLeafParam = () => p.int({ default: 1, min: 1, max: 10_000, title: 'Min rows per leaf' })

export const clustersParam = () => p.int({ default: 3, min: 1, max: 1000, title: 'Clusters (k)' })

/** Inverse L2 strength of the exact linear SVM solvers, scikit-learn's C. */
export const svmCParam = () =>
  p.number({
    default: 1,
    gt: 0,
    max: 1e9,
    title: 'C',
    description: 'No loss/optimizer wired: cost of a margin violation as scikit-learn\'s C (objective ½‖w‖² + C·Σ loss); larger fits the training rows more closely.',
  })

/** A linear SVM's own seed: liblinear's coordinate order (scikit-learn's random_state), or the gradient path's shuffles. */
export const linearSeedParam = () =>
  seedParam('Orders the exact solver\'s coordinates (scikit-learn\'s random_state); trained by gradient, it shuffles the rows and picks the held-out share.')
