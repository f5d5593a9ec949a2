import { describe, expect, it } from 'vitest'
import { createGraphStore } from '../store/graph-store'
import { applyEdits, bestChanges, bestParamEdits } from './apply-best'

const summary = {
  accuracy: 0.97,
  'best trial': 7,
  bestParams: { opt: { learningRate: 0.02 }, spec: { layers: [{ units: 24, activation: 'relu', dropout: 0 }] }, gone: { k: 3 } },
}

describe('Apply best', () => {
  it('turns a search summary into param edits for the nodes the graph has', () => {
    expect(bestParamEdits(summary, (id) => id !== 'gone')).toEqual([
      { nodeId: 'opt', param: 'learningRate', value: 0.02 },
      { nodeId: 'spec', param: 'layers', value: [{ units: 24, activation: 'relu', dropout: 0 }] },
    ])
    for (const bad of [undefined, 3, { bestParams: 'x' }, { bestParams: [1] }, { bestParams: { opt: 5 } }, JSON.parse('{"__proto__": {"bestParams": {"a": {"b": 1}}}}')]) {
      expect(bestParamEdits(bad, () => true)).toEqual([])
    }
  })

  it('writes the best params as one undo step', () => {
    const s = createGraphStore()
    const opt = s.getState().addNode('optimizer.adam', { learningRate: 0.1 }, { x: 0, y: 0 })
    const spec = s.getState().addNode('model.mlp', {}, { x: 0, y: 100 })
    const best = { bestParams: { [opt]: { learningRate: 0.02 }, [spec]: { layers: [{ units: 24 }] } } }
    s.getState().setParam(opt, 'beta1', 0.8)
    applyEdits(s, bestParamEdits(best, () => true))
    const params = (id: string) => s.getState().nodes.find((n) => n.id === id)!.data.params
    expect(params(opt)).toEqual({ learningRate: 0.02, beta1: 0.8 })
    expect(params(spec)).toEqual({ layers: [{ units: 24 }] })
    s.getState().undo()
    expect(params(opt)).toEqual({ learningRate: 0.1, beta1: 0.8 })
    expect(params(spec)).toEqual({})
  })

  it('lists what applying changes, field by field inside list params, against the current values', () => {
    const edits = bestParamEdits(summary, (id) => id !== 'gone')
    const now: Record<string, Record<string, unknown>> = {
      opt: { learningRate: 0.01 },
      spec: { layers: [{ units: 16, activation: 'relu', dropout: 0 }, { units: 16, activation: 'relu', dropout: 0 }] },
    }
    expect(bestChanges(edits, (id, p) => now[id][p])).toEqual([
      { nodeId: 'opt', path: 'learningRate', from: 0.01, to: 0.02 },
      { nodeId: 'spec', path: 'layers.0.units', from: 16, to: 24 },
      { nodeId: 'spec', path: 'layers.1', from: { units: 16, activation: 'relu', dropout: 0 }, to: undefined },
    ])
    expect(bestChanges(edits, (id) => (id === 'opt' ? 0.02 : summary.bestParams.spec.layers))).toEqual([])
    expect(bestChanges(edits, () => undefined).map((c) => c.path)).toEqual(['learningRate', 'layers'])
  })
})
