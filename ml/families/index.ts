import type { AnyFamily } from './family'
import { UnknownFamilyError } from './family'
import { cnn } from './cnn'
import { decisionTree } from './decision-tree'
import { elasticNet } from './elastic-net'
import { gradientBoosting } from './gradient-boosting'
import { hclust } from './hclust'
import { histGradientBoosting } from './hist-gradient-boosting'
import { kmeans } from './kmeans'
import { knn } from './knn'
import { lasso } from './lasso'
import { linearRegression } from './linear-regression'
import { linearSvm } from './linear-svm'
import { linearSvr } from './linear-svr'
import { logisticRegression } from './logistic-regression'
import { mlp } from './mlp'
import { naiveBayes } from './naive-bayes'
import { pca } from './pca'
import { randomForest } from './random-forest'
import { ridge } from './ridge'
import { svm } from './svm'
import { svr } from './svr'
import { agentFamily } from '../rl/agent-family'

/** Every model family, in palette order: the one list the model nodes and all dispatch come from. */
export const FAMILIES: readonly AnyFamily[] = [
  linearRegression,
  ridge,
  lasso,
  elasticNet,
  logisticRegression,
  mlp,
  cnn,
  linearSvm,
  linearSvr,
  svm,
  svr,
  decisionTree,
  randomForest,
  gradientBoosting,
  histGradientBoosting,
  knn,
  naiveBayes,
  kmeans,
  hclust,
  pca,
]

/** Families by id, for looking up the family of a spec or a trained model. */
export type FamilyLookup = ReadonlyMap<string, AnyFamily>

export function familyLookup(families: readonly AnyFamily[]): FamilyLookup {
  const byId = new Map<string, AnyFamily>()
  for (const f of families) {
    if (byId.has(f.id)) throw new Error(`Two model families have the id "${f.id}".`)
    byId.set(f.id, f)
  }
  return byId
}

/** Trained RL agents score like models (bundles, the scorer) but train in the RL nodes: not in the palette. */
export const DEFAULT_FAMILIES = familyLookup([...FAMILIES, agentFamily])

export function getFamily(id: string, families: FamilyLookup = DEFAULT_FAMILIES): AnyFamily {
  const f = families.get(id)
  if (!f) throw new UnknownFamilyError(id)
  return f
}
