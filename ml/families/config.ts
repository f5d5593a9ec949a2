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

/** An own seed that means "the Train node's seed": what model nodes saved before their family had a seed get. */
export const TRAIN_NODE_SEED = -1

/**
 * A family's own seed (scikit-learn's random_state) for families that followed the Train node's seed
 * before they had one: −1 still does, which is what a model node saved at version 1 gets, so its numbers stay the same.
 */
const ownSeedParam = (draws: string) =>
  p.int({
    default: 0,
    min: TRAIN_NODE_SEED,
    max: 2 ** 31 - 1,
    title: 'Seed',
    description: `${draws} (scikit-learn's random_state). −1: the Train node's seed (graphs saved before this model had a seed).`,
  })

/** A network's seed (MLPClassifier's random_state): initial weights, each epoch's shuffle, dropout, the early-stopping hold-out. */
export const networkSeedParam = () => ownSeedParam("Initial weights, each epoch's shuffle, dropout and the rows held out for early stopping")

/** Linear or logistic regression trained by gradient: the shuffles and the hold-out. The exact solvers draw nothing. */
export const gradientLinearSeedParam = () =>
  ownSeedParam("Trained by gradient (a loss or optimizer wired): each epoch's shuffle and the rows held out for early stopping; the exact fit draws nothing")

/** Model nodes of version 1 had no seed and followed the Train node's: they keep doing so. */
export function migrateOwnSeed(params: Record<string, unknown>, fromVersion: number): Record<string, unknown> {
  return fromVersion < 2 && !Object.hasOwn(params, 'seed') ? { ...params, seed: TRAIN_NODE_SEED } : params
}
