import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'

/** value = Σ_{i ≤ steps} i, continued from a shorter run of its own when `steps` grows. */
export const sumStepsNode = defineNode({
  type: 'test.sum-steps',
  version: 1,
  category: 'test',
  title: 'Sum of steps',
  description: 'Sums step numbers; continues from its own shorter run.',
  inputs: { a: port.metrics({ optional: true }) },
  outputs: { out: port.metrics() },
  params: { steps: p.int({ default: 5, min: 1, max: 1000 }) },
  continueOn: ['steps'],
  async run(_inputs, params, ctx) {
    const previous = await ctx.previous?.()
    let done = 0
    let value = 0
    if (previous) {
      done = previous.params.steps as number
      value = (previous.outputs.out as { scalars: { value: number } }).scalars.value
      previous.used(`step ${done}`)
    }
    for (let i = done + 1; i <= params.steps; i++) value += i
    return { out: { kind: 'metrics', scalars: { value } } }
  },
})
