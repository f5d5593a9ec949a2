import type { NodeDefinition } from '../../runtime/node-api/define-node'
import { classificationMetricsNode } from './classification'
import { clusteringMetricsNode } from './clustering'
import { permutationImportanceNode } from './permutation-importance'
import { regressionMetricsNode } from './regression'

/** The metric node types, in palette order. */
export const metricNodes: readonly NodeDefinition<any>[] = [classificationMetricsNode, regressionMetricsNode, clusteringMetricsNode, permutationImportanceNode]
