import { defineNode } from '../../runtime/node-api/define-node'
import { port } from '../../runtime/node-api/ports'
import { getFamily } from '../../ml/families'
import { MissingCapabilityError } from '../../ml/families/family'
import { requireModel } from '../predict/apply'
import { importanceFigure } from './importance-bars'

/** The importances a model family computes itself: impurity for trees and boosting, weight sizes for linear models. */
export const featureImportanceFigureNode = defineNode({
  type: 'figure.feature-importance',
  version: 1,
  category: 'figure',
  title: 'Feature importance',
  description:
    'The model\'s own feature importances as bars: mean decrease in impurity for decision trees, random forests and gradient ' +
    'boosting (scikit-learn\'s feature_importances_, summing to 1), absolute weights for linear models (compare them only when ' +
    'the features share a scale: standardize first). For any model, measured on held-out rows, use Permutation importance.',
  inputs: { model: port.model() },
  outputs: { figure: { types: ['figure'] } },
  params: {},
  run({ model: value }) {
    const model = requireModel(value)
    const family = getFamily(model.family)
    if (!family.featureImportance) {
      const why = `${family.title} has no built-in feature importance; use the Permutation importance node, which works for any model.`
      throw new MissingCapabilityError(family.id, 'featureImportance', why)
    }
    const values = family.featureImportance(family.deserialize(model.state), model.features)
    return {
      figure: importanceFigure(model.features, values, undefined, {
        title: `Feature importance (${family.title})`,
        xLabel: 'Importance (impurity share, or |weight| for linear models)',
        summary: { model: family.title, features: model.features.length },
      }),
    }
  },
})
