import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import type { TrainedModel } from '../../runtime/values/ml'
import { buildBundle, isRawTable } from '../../deploy/bundle/build'
import { readBundle } from '../../deploy/bundle/read'
import { bundleValue, type BundleValue } from '../../deploy/bundle/value'
import { checkScores } from '../../deploy/scorer/scorer'
import { fitRows, requireData } from '../../ml/table/table'
import { isAgent } from '../../ml/rl/agent'
import { agentModel } from '../../ml/rl/agent-family'

/** A trained model, or a trained RL agent as one (observation columns in, greedy action and Q-values out). */
function requireModel(v: unknown): TrainedModel {
  if (v && typeof v === 'object' && (v as TrainedModel).kind === 'model') return v as TrainedModel
  if (isAgent(v)) return agentModel(v)
  throw new Error('Input "model" needs a trained model or agent; connect the output of a Train, Q-learning or DQN node.')
}

export const exportNode = defineNode({
  type: 'deploy.export',
  version: 1,
  category: 'deploy',
  tensors: true,
  title: 'Export model',
  description:
    'Packs a trained model into a versioned bundle folder: bundle.json (schema of the raw input columns, class names, ' +
    'checksums), lineage.json (the fitted preprocessing, so raw rows score exactly as here), the model as JSON and, for ' +
    'neural and linear models, model.json + weights.bin loadable by plain tf.loadLayersModel. Wire the raw training rows ' +
    'to data to store their distributions for drift checks. A trained RL agent exports as a model whose input columns are ' +
    "the observation and whose prediction is the greedy action with the Q-values as scores. `pipeline export`, `pipeline serve` " +
    'and the offline HTML page use it.',
  inputs: {
    model: { types: ['model', 'agent'], label: 'model or agent' },
    data: port.datasetOrSplits({
      optional: true,
      label: 'raw training rows',
      description: "The loader's rows (or their split): the drift reference. Fed splits, the train split is used.",
    }),
  },
  outputs: { bundle: port.bundle() },
  params: () => ({
    name: p.text({ default: 'model', maxLength: 100, title: 'Name', description: 'The model name the server uses: POST /v1/models/{name}:predict.' }),
  }),
  async run(inputs, params, ctx) {
    const model = requireModel(inputs.model)
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(params.name)) {
      throw new Error(`name: "${params.name}" cannot be a model name; use letters, digits, "-", "_" and "." only.`)
    }
    let raw = inputs.data === undefined ? undefined : fitRows(requireData(inputs.data))
    if (raw && !isRawTable(raw)) {
      ctx.log.warn('The data input is preprocessed; wire the loader (or its split) so the drift reference holds raw values. Left out.')
      raw = undefined
    }
    const files = await buildBundle(model, { name: params.name, raw })
    // Read back what was written and score a row through it: a bundle that cannot score never leaves.
    checkScores(await readBundle(files))
    return { bundle: bundleValue(params.name, files) }
  },
  summarize(outputs) {
    const b = outputs.bundle as BundleValue
    const bytes = b.files.reduce((n, f) => n + f.bytes.byteLength, 0)
    return { name: b.name, files: b.files.map((f) => f.path).sort(), kB: Math.round(bytes / 102.4) / 10 }
  },
})
