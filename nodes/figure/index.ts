import type { NodeDefinition } from '../../runtime/node-api/define-node'
import { confusionMatrixFigureNode } from './confusion-matrix'
import { decisionBoundaryFigureNode } from './decision-boundary'
import { featureImportanceFigureNode } from './feature-importance'
import { lossCurveFigureNode } from './loss-curve'
import { residualsFigureNode } from './residuals'
import { rocFigureNode } from './roc'
import { scatterFigureNode } from './scatter'

/** The figure node types, in palette order. */
export const figureNodes: readonly NodeDefinition<any>[] = [
  lossCurveFigureNode,
  scatterFigureNode,
  rocFigureNode,
  confusionMatrixFigureNode,
  decisionBoundaryFigureNode,
  residualsFigureNode,
  featureImportanceFigureNode,
]
