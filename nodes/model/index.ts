import type { NodeDefinition } from '../../runtime/node-api/define-node'
import { linearRegressionNode, linearSvmNode, linearSvrNode, logisticRegressionNode } from './linear-models'
import { cnnNode, mlpNode } from './mlp'
import { knnNode, naiveBayesNode } from './neighbors-bayes'
import { decisionTreeNode, randomForestNode } from './trees'
import { tsneNode } from './tsne'
import { hclustNode, kmeansNode, pcaModelNode } from './unsupervised'

/** The model node types, in palette order. */
export const modelNodes: readonly NodeDefinition<any>[] = [
  linearRegressionNode,
  logisticRegressionNode,
  mlpNode,
  cnnNode,
  linearSvmNode,
  linearSvrNode,
  decisionTreeNode,
  randomForestNode,
  knnNode,
  naiveBayesNode,
  kmeansNode,
  hclustNode,
  pcaModelNode,
  tsneNode,
]
