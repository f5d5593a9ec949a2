import { defineNode, paramsUnchanged, type NodeDefinition } from '../../runtime/node-api/define-node'
import type { ParamsShape } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import type { ModelSpec } from '../../runtime/values/ml'
import type { AnyFamily } from '../../ml/families/family'
import { modelSpec, specSummary, taskParam } from './spec'

/**
 * The model node of a family (`model.<id>`): its form is the family's config (plus a task picker
 * when the family both classifies and regresses), its output the spec the Train node fits.
 */
export function familyNode(family: AnyFamily): NodeDefinition<ParamsShape> {
  const both = family.tasks.includes('classification') && family.tasks.includes('regression')
  // Read when the node's params are first used, so that the family's config is built then too.
  const params = (): ParamsShape => (both ? { task: taskParam(), ...family.config } : family.config)
  return defineNode({
    type: `model.${family.id}`,
    version: family.version ?? 1,
    ...((family.version ?? 1) > 1 ? { migrate: family.migrate ?? paramsUnchanged } : {}),
    category: 'model',
    title: family.title,
    description: family.description,
    inputs: {},
    outputs: { model: port.modelSpec() },
    ...(family.gradient ? { traits: ['gradient'] } : {}),
    params,
    run: (_i, values) => {
      const { task, ...config } = values as Record<string, unknown>
      const chosen = both ? (task as ModelSpec['task']) : family.tasks[0]
      return { model: modelSpec(family.id, chosen, both ? config : (values as Record<string, unknown>), family.gradient) }
    },
    summarize: (outputs) => {
      const spec = outputs.model as ModelSpec
      return { ...specSummary(outputs), ...family.summarizeConfig?.(spec.config) }
    },
  })
}
