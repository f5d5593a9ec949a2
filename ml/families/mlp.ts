import { z } from 'zod'
import { p } from '../../runtime/values/params'
import type { LayerDef } from '../nn/net'
import { alphaParam, migrateOwnSeed, networkSeedParam } from './config'
import { defineFamily } from './family'
import { deserializeGradient, predictGradient, serializeGradient } from './gradient'
import { exportLayers } from './layers-export'
import { fitNetwork } from './gradient-fit'

const layer = z.object({
  units: z.number().int().min(1).max(4096),
  activation: z.enum(['relu', 'tanh', 'sigmoid', 'elu', 'linear']).default('relu'),
  dropout: z.number().min(0).max(0.95).default(0),
})

export const mlp = defineFamily({
  id: 'mlp',
  title: 'Neural network (MLP)',
  description:
    'A fully connected network: the hidden layers listed here, then an output layer chosen from the task ' +
    '(softmax over the classes for classification, one linear unit for regression).',
  tasks: ['classification', 'regression'],
  // 2: a seed of its own (version 1 followed the Train node's seed; migrate keeps that).
  version: 2,
  migrate: migrateOwnSeed,
  gradient: true,
  config: () => ({
    layers: p.custom(
      z.array(layer).max(32).default([
        { units: 64, activation: 'relu', dropout: 0 },
        { units: 64, activation: 'relu', dropout: 0 },
      ]),
      'layers',
      { title: 'Hidden layers', description: 'Units, activation and dropout rate per hidden layer.' },
    ),
    alpha: alphaParam(0.0001),
    seed: networkSeedParam(),
  }),
  fit(t, config, ctx) {
    const hidden = () =>
      config.layers.flatMap((l): LayerDef[] => [
        { kind: 'dense', units: l.units, activation: l.activation },
        ...(l.dropout > 0 ? [{ kind: 'dropout', rate: l.dropout } as const] : []),
      ])
    return fitNetwork(t, ctx, { hidden, alpha: config.alpha })
  },
  predict: (s, X, rows) => predictGradient(s, X, rows, true),
  serialize: serializeGradient,
  exportTfjs: (s) => exportLayers(s, true),
  deserialize: (v) => deserializeGradient('neural network', v),
  summarizeConfig: (config) => ({ hidden: config.layers.map((l) => l.units).join('-') || 'none' }),
})
