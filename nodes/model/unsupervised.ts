import { defineNode } from '../../runtime/node-api/define-node'
import { p, seedParam } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { modelSpec, specSummary } from './spec'

/** Unsupervised model specs: they train without a target. */

const clusters = () => p.int({ default: 3, min: 1, max: 1000, title: 'Clusters (k)' })

export const kmeansNode = defineNode({
  type: 'model.kmeans',
  version: 1,
  category: 'model',
  title: 'k-means',
  description:
    'Groups rows into k clusters around centroids (Lloyd\'s algorithm with k-means++ starts, the best of several ' +
    'restarts by inertia = sum of squared distances to the nearest center), as scikit-learn\'s KMeans.',
  inputs: {},
  outputs: { model: port.modelSpec() },
  params: {
    k: clusters(),
    nInit: p.int({ default: 10, min: 1, max: 100, title: 'Restarts (n_init)' }),
    maxIter: p.int({ default: 300, min: 1, max: 10_000, title: 'Max iterations' }),
    tol: p.number({ default: 1e-4, min: 0, max: 1, title: 'Tolerance', description: 'Relative to the mean feature variance.' }),
    seed: seedParam(),
  },
  run: (_i, config) => ({ model: modelSpec('kmeans', 'clustering', config, false) }),
  summarize: specSummary,
})

export const hclustNode = defineNode({
  type: 'model.hclust',
  version: 1,
  category: 'model',
  title: 'Hierarchical clustering',
  description:
    'Merges the closest clusters step by step (Ward: least increase in variance; complete/average/single: ' +
    'farthest/mean/nearest pair distance) and cuts the tree into k clusters. New rows go to the nearest cluster centroid.',
  inputs: {},
  outputs: { model: port.modelSpec() },
  params: {
    k: clusters(),
    linkage: p.select(['ward', 'complete', 'average', 'single'] as const, { default: 'ward', title: 'Linkage' }),
  },
  run: (_i, config) => ({ model: modelSpec('hclust', 'clustering', config, false) }),
  summarize: specSummary,
})

export const pcaModelNode = defineNode({
  type: 'model.pca',
  version: 1,
  category: 'model',
  title: 'PCA projection',
  description:
    'Learns the directions of largest variance on the training rows; Predict then projects any rows onto them ' +
    '(columns pc_1, pc_2, …) for 2-D plots. Standardize first when features have different units.',
  inputs: {},
  outputs: { model: port.modelSpec() },
  params: { components: p.int({ default: 2, min: 1, max: 1000, title: 'Components' }) },
  run: (_i, config) => ({ model: modelSpec('pca', 'embedding', config, false) }),
  summarize: specSummary,
})
