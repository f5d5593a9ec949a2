import { describe, expect, it } from 'vitest'
import type { NodeDescriptor } from '../../runtime/worker/engine-api'
import type { FlowEdge, FlowNode } from './flow-types'
import { modelTitlesWithTask, modelsTrainedOn, oneTaskModelsTrainedOn, taskEdits, withColumnType } from './task-switch'

const node = (id: string, nodeType: string, params: Record<string, unknown> = {}): FlowNode => ({ id, type: 'pipeline', position: { x: 0, y: 0 }, data: { nodeType, params } })
const wire = (source: string, target: string): FlowEdge => ({ id: `${source}-${target}`, source, target })
const taskParam = { task: { type: 'string', enum: ['auto', 'classification', 'regression'] } }
const desc = (type: string, properties: Record<string, unknown> = {}) =>
  [type, { type, title: type, category: type.split('.')[0], params: { properties } } as unknown as NodeDescriptor] as const
const descriptors = new Map([desc('data.csv', { types: {} }), desc('model.tree', taskParam), desc('model.logistic'), desc('train.fit'), desc('transform.split')])

describe('switching the task from the data node', () => {
  it('edits one entry of the Column types list and keeps the others', () => {
    expect(withColumnType('', 'y', 'categorical')).toBe('y:categorical')
    expect(withColumnType('zip:categorical, y=numeric', 'y', 'categorical')).toBe('zip:categorical, y:categorical')
    expect(withColumnType('y:categorical\nage:numeric', 'y', undefined)).toBe('age:numeric')
  })

  it('finds the models that train on the data, not those of another branch', () => {
    const nodes = [node('csv', 'data.csv'), node('split', 'transform.split'), node('tree', 'model.tree'), node('fit', 'train.fit'), node('other', 'model.tree'), node('lr', 'model.logistic')]
    const edges = [wire('csv', 'split'), wire('split', 'fit'), wire('tree', 'fit'), wire('lr', 'fit')]
    expect(modelsTrainedOn('csv', nodes, edges, descriptors).map((n) => n.id)).toEqual(['tree'])
    // The logistic regression trains on it too, for one task only (no Task param); the split is no model.
    expect(oneTaskModelsTrainedOn('csv', nodes, edges, descriptors).map((n) => n.id)).toEqual(['lr'])
    expect(oneTaskModelsTrainedOn('csv', nodes, [wire('csv', 'split'), wire('tree', 'fit'), wire('lr', 'fit')], descriptors)).toEqual([])
    // What could train for either task instead: model types with a Task param.
    expect(modelTitlesWithTask(descriptors)).toEqual(['model.tree'])
  })

  it('makes an integer label a regression target on the models, and a number a class label on the data node', () => {
    const csv = node('csv', 'data.csv', { types: 'zip:categorical, y:categorical' })
    const tree = node('tree', 'model.tree', { task: 'auto' })
    expect(taskEdits('regression', csv, 'y', [tree])).toEqual([
      { nodeId: 'csv', param: 'types', value: 'zip:categorical' },
      { nodeId: 'tree', param: 'task', value: 'regression' },
    ])
    const plain = node('csv', 'data.csv', {})
    const forced = node('tree', 'model.tree', { task: 'regression' })
    expect(taskEdits('classification', plain, 'y', [forced])).toEqual([
      { nodeId: 'csv', param: 'types', value: 'y:categorical' },
      { nodeId: 'tree', param: 'task', value: 'auto' },
    ])
  })
})
