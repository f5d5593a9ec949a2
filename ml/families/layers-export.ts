import * as tf from '@tensorflow/tfjs-core'
import type { LayerDef } from '../nn/net'
import type { GradientState } from './gradient'

/**
 * A trained network as TensorFlow.js LayersModel artifacts (`model.json` + one weights file),
 * so plain `tf.loadLayersModel` can run it without this project. Our networks are written on
 * tfjs-core ops with the same weight layout as tfjs-layers (kernel then bias, layer by layer),
 * so the layers model reproduces them up to float rounding of fused kernels.
 */
export interface LayersFiles {
  modelJson: Record<string, unknown>
  weights: Uint8Array
  /** Probabilities when the model ends in sigmoid/softmax (classifiers), else raw values or decision scores. */
  outputs: 'probabilities' | 'values' | 'scores'
}

type Layers = typeof import('@tensorflow/tfjs-layers')

function layerFor(layers: Layers, l: LayerDef, first: { inputShape?: number[] }) {
  switch (l.kind) {
    case 'dense':
      return layers.layers.dense({ units: l.units, activation: l.activation, ...first })
    case 'dropout':
      return layers.layers.dropout({ rate: l.rate, ...first })
    case 'reshape':
      return layers.layers.reshape({ targetShape: l.shape, ...first })
    case 'conv2d':
      return layers.layers.conv2d({ filters: l.filters, kernelSize: l.kernel, activation: l.activation, padding: 'valid', ...first })
    case 'maxpool':
      return layers.layers.maxPooling2d({ poolSize: l.size, strides: l.size, padding: 'valid', ...first })
    case 'flatten':
      return layers.layers.flatten(first)
  }
}

function layersOutputs(state: GradientState, probabilities: boolean): 'probabilities' | 'values' | 'scores' {
  if (state.head.kind === 'regression') return 'values'
  return probabilities ? 'probabilities' : 'scores'
}

/** Builds the layers model in memory and saves it through tfjs' own writer: a gradient family's exportTfjs. */
export async function exportLayers(state: GradientState, probabilities: boolean): Promise<LayersFiles> {
  const layers = await import('@tensorflow/tfjs-layers')
  const model = layers.sequential()
  state.net.layers.forEach((l, i) => model.add(layerFor(layers, l, i === 0 ? { inputShape: [state.net.inputDim] } : {})))
  if (layersOutputs(state, probabilities) === 'probabilities') {
    model.add(layers.layers.activation({ activation: state.head.kind === 'binary' ? 'sigmoid' : 'softmax' }))
  }
  const tensors = state.weights.map((w, i) => tf.tensor(w, state.shapes[i]))
  try {
    model.setWeights(tensors)
    let saved: tf.io.ModelArtifacts | undefined
    await model.save(tf.io.withSaveHandler(async (artifacts) => ((saved = artifacts), { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } })))
    const weightData = saved!.weightData as ArrayBuffer
    return {
      modelJson: {
        format: 'layers-model',
        generatedBy: saved!.generatedBy,
        convertedBy: null,
        modelTopology: saved!.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: saved!.weightSpecs }],
      },
      weights: new Uint8Array(weightData),
      outputs: layersOutputs(state, probabilities),
    }
  } finally {
    tf.dispose(tensors)
    model.dispose()
  }
}
