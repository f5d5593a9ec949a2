import { z } from 'zod'
import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { alphaParam, modelSpec, specSummary, taskParam } from './spec'

const layer = z.object({
  units: z.number().int().min(1).max(4096),
  activation: z.enum(['relu', 'tanh', 'sigmoid', 'elu', 'linear']).default('relu'),
  dropout: z.number().min(0).max(0.95).default(0),
})

export const mlpNode = defineNode({
  type: 'model.mlp',
  version: 1,
  category: 'model',
  title: 'Neural network (MLP)',
  description:
    'A fully connected network: the hidden layers listed here, then an output layer chosen from the task ' +
    '(softmax over the classes for classification, one linear unit for regression).',
  inputs: {},
  outputs: { model: port.modelSpec() },
  traits: ['gradient'],
  params: {
    layers: p.custom(
      z.array(layer).max(32).default([
        { units: 64, activation: 'relu', dropout: 0 },
        { units: 64, activation: 'relu', dropout: 0 },
      ]),
      'layers',
      { title: 'Hidden layers', description: 'Units, activation and dropout rate per hidden layer.' },
    ),
    task: taskParam(),
    alpha: alphaParam(0.0001),
  },
  run: (_i, params) => ({
    model: modelSpec('mlp', params.task, { layers: params.layers, alpha: params.alpha }, true),
  }),
  summarize: (outputs) => ({
    ...specSummary(outputs),
    hidden: ((outputs.model as { config: { layers: { units: number }[] } }).config.layers.map((l) => l.units)).join('-') || 'none',
  }),
})

export const cnnNode = defineNode({
  type: 'model.cnn',
  version: 1,
  category: 'model',
  title: 'Convolutional network (CNN)',
  description:
    'A small image classifier: the feature columns are read as a height × width × channels image ' +
    '(e.g. 8 × 8 for the digits data set), then one convolution, max-pooling, a dense layer and the output layer.',
  inputs: {},
  outputs: { model: port.modelSpec() },
  traits: ['gradient'],
  params: {
    height: p.int({ default: 8, min: 1, max: 512, title: 'Image height' }),
    width: p.int({ default: 8, min: 1, max: 512, title: 'Image width', description: 'Use width 1 for 1-D signals.' }),
    channels: p.int({ default: 1, min: 1, max: 16, title: 'Channels' }),
    filters: p.int({ default: 16, min: 1, max: 256, title: 'Filters' }),
    kernel: p.int({ default: 3, min: 1, max: 15, title: 'Kernel size' }),
    pool: p.int({ default: 2, min: 1, max: 8, title: 'Pool size', description: '1 = no pooling.' }),
    hidden: p.int({ default: 32, min: 0, max: 1024, title: 'Dense units', description: '0 = none.' }),
    task: taskParam(),
    alpha: alphaParam(0.0001),
  },
  run: (_i, params) => {
    const { task, ...config } = params
    return { model: modelSpec('cnn', task, config, true) }
  },
  summarize: specSummary,
})
