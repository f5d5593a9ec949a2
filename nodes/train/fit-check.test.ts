import { describe, expect, it } from 'vitest'
import { createRegistry } from '..'
import { validateGraph } from '../../runtime/validate/validate'
import { graph } from '../../tests/support/graph'

const registry = createRegistry()
const wired = (model: string) =>
  graph(
    [
      ['d', 'data.iris'],
      ['m', model],
      ['l', 'loss.mse'],
      ['o', 'optimizer.adam'],
      ['t', 'train.fit'],
    ],
    ['d.data->t.data', 'm.model->t.model', 'l.loss->t.loss', 'o.optimizer->t.optimizer'],
  )

describe('train.fit wiring check', () => {
  it('refuses a loss or optimizer wired to a classical model, in validation', () => {
    const messages = validateGraph(wired('model.decision-tree'), registry).map((d) => `${d.path}: ${d.message}`)
    expect(messages).toEqual([
      'nodes[4]: Decision tree is not trained by gradient descent and does not use a loss function; remove the loss wire.',
      'nodes[4]: Decision tree is not trained by gradient descent and does not use an optimizer; remove the optimizer wire.',
    ])
  })

  it('accepts them on gradient models', () => {
    expect(validateGraph(wired('model.mlp'), registry)).toEqual([])
  })
})
