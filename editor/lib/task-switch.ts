import type { NodeDescriptor } from '../../runtime/worker/engine-api'
import type { DescriptorMap, FlowEdge, FlowNode } from './flow-types'
import { paramSchemas } from './flow-types'

export type Task = 'classification' | 'regression'

/**
 * A loader's Column types text with `column` set to `type`: its entry replaced (the loader reads
 * "name:type" or "name=type" entries split by commas or new lines, the name before the first
 * separator), or one added.
 */
export function withColumnType(types: string, column: string, type: 'numeric' | 'categorical' | undefined): string {
  const kept = types
    .split(/[,\n]/)
    .map((e) => e.trim())
    .filter((e) => e && e.slice(0, e.search(/[=:]|$/)).trim() !== column)
  return [...kept, ...(type ? [`${column}:${type}`] : [])].join(', ')
}

function reach(start: string, next: Map<string, string[]>): Set<string> {
  const seen = new Set<string>()
  const todo = [start]
  while (todo.length) {
    for (const n of next.get(todo.pop()!) ?? []) {
      if (!seen.has(n)) {
        seen.add(n)
        todo.push(n)
      }
    }
  }
  return seen
}

/** Whether a node type has a Task param that can be either classification or regression. */
function hasTask(descriptor: NodeDescriptor | undefined): boolean {
  const task = paramSchemas(descriptor).task
  return !!task?.enum?.includes('classification') && !!task.enum.includes('regression')
}

const switchable = (n: FlowNode, descriptors: DescriptorMap) => hasTask(descriptors.get(n.data.nodeType))

/** Titles of the model types that have such a Task param, as the palette lists them. */
export function modelTitlesWithTask(descriptors: DescriptorMap): string[] {
  return [...descriptors.values()].filter((d) => d.category === 'model' && hasTask(d)).map((d) => d.title)
}

/** Nodes that `keep` accepts and whose results meet what `dataId` loads downstream (the models that train on it). */
function meetingData(dataId: string, nodes: readonly FlowNode[], edges: readonly FlowEdge[], keep: (n: FlowNode) => boolean): FlowNode[] {
  const out = new Map<string, string[]>()
  for (const e of edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target])
  const fed = reach(dataId, out)
  return nodes.filter((n) => {
    if (!keep(n)) return false
    for (const d of reach(n.id, out)) if (fed.has(d)) return true
    return false
  })
}

/** Nodes with a Task param (classification / regression) whose models train on what `dataId` loads: their results meet its results downstream. */
export function modelsTrainedOn(dataId: string, nodes: readonly FlowNode[], edges: readonly FlowEdge[], descriptors: DescriptorMap): FlowNode[] {
  return meetingData(dataId, nodes, edges, (n) => switchable(n, descriptors))
}

/** Model nodes without such a Task param (logistic regression, SVMs, …) that train on what `dataId` loads: each trains for one task only. */
export function oneTaskModelsTrainedOn(dataId: string, nodes: readonly FlowNode[], edges: readonly FlowEdge[], descriptors: DescriptorMap): FlowNode[] {
  return meetingData(dataId, nodes, edges, (n) => descriptors.get(n.data.nodeType)?.category === 'model' && !switchable(n, descriptors))
}

/** What one click on the data node changes, by node id and param. */
export type ParamEdits = { nodeId: string; param: string; value: unknown }[]

/**
 * The edits that make the models fed by a data node train for `task`:
 * - classification: the target becomes categorical on the data node (so the split stratifies and
 *   the node says "classification · N classes"), and a model set to regression goes back to auto;
 * - regression: each model's Task is set to regression (an integer label stays a number), and a
 *   categorical-by-override target goes back to numeric.
 */
export function taskEdits(task: Task, data: FlowNode, target: string, models: readonly FlowNode[]): ParamEdits {
  const types = typeof data.data.params.types === 'string' ? data.data.params.types : ''
  const edits: ParamEdits = []
  const setTypes = (value: string) => value !== types && edits.push({ nodeId: data.id, param: 'types', value })
  if (task === 'classification') {
    setTypes(withColumnType(types, target, 'categorical'))
    for (const m of models) if (m.data.params.task === 'regression') edits.push({ nodeId: m.id, param: 'task', value: 'auto' })
  } else {
    setTypes(withColumnType(types, target, undefined))
    for (const m of models) if (m.data.params.task !== 'regression') edits.push({ nodeId: m.id, param: 'task', value: 'regression' })
  }
  return edits
}
