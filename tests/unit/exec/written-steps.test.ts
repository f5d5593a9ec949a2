import { describe, expect, it } from 'vitest'
import { runNode } from '../../../runtime/exec/node-runner'
import { UndeclaredStepError } from '../../../runtime/exec/written-steps'
import type { NodeKey } from '../../../runtime/keys/cache-keys'
import { Registry } from '../../../runtime/registry'
import type { Dataset, Splits } from '../../../runtime/values/dataset'
import { makeDataset } from '../../../ml/table/table'
import { standardizeNode } from '../../../nodes/transform/standardize'

const env = { signal: new AbortController().signal, emit: () => {}, backend: 'cpu' }
const loaded = (): Dataset => ({
  ...makeDataset([{ name: 'x', type: 'numeric', role: 'feature', values: Float64Array.of(1, 2, 3, 6) }], [], 4),
  steps: [{ type: 'data.csv', state: { columns: [{ name: 'x', type: 'numeric', role: 'feature' }] } }],
})

async function run(def: typeof standardizeNode, data: Dataset | Splits) {
  const registered = new Registry([def]).get(def.type)!
  const key: NodeKey = { key: 'cd'.repeat(16), recipe: { type: def.type, version: 1, params: registered.paramsSchema.parse({}), inputs: {}, files: {} } }
  return runNode({ id: 'scale', type: def.type, params: {} }, registered, key, { data }, env)
}

describe('fitted steps a node writes', () => {
  it('pass when the node declares their replay; steps its input carried pass through', async () => {
    const { outputs } = await run(standardizeNode, loaded())
    expect((outputs.data as Dataset).steps.map((s) => s.type)).toEqual(['data.csv', 'transform.standardize'])
  })

  it('are a named error when the node writes one without declaring its replay, in every split', async () => {
    const forgetful = { ...standardizeNode, replays: undefined }
    const err = await run(forgetful, loaded()).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(UndeclaredStepError)
    expect(err).toMatchObject({ name: 'UndeclaredStepError', nodeType: 'transform.standardize', step: 'transform.standardize' })
    expect((err as Error).message).toBe(
      'Node type "transform.standardize" wrote the fitted step "transform.standardize" without declaring its replay: ' +
        "add replays: [fittedStep('transform.standardize', apply)] (ml/table/steps.ts) to the node, named by its own type.",
    )
    await expect(run(forgetful, { kind: 'splits', train: loaded(), test: loaded() })).rejects.toThrow(UndeclaredStepError)
  })
})
