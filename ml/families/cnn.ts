import { p } from '../../runtime/values/params'
import type { LayerDef } from '../nn/net'
import { alphaParam, migrateOwnSeed, networkSeedParam } from './config'
import { defineFamily } from './family'
import { deserializeGradient, predictGradient, serializeGradient } from './gradient'
import { exportLayers } from './layers-export'
import { fitNetwork } from './gradient-fit'

export const cnn = defineFamily({
  id: 'cnn',
  title: 'Convolutional network (CNN)',
  description:
    'A small image classifier: the feature columns are read as a height × width × channels image ' +
    '(e.g. 8 × 8 for the digits data set), then one convolution, max-pooling, a dense layer and the output layer.',
  tasks: ['classification', 'regression'],
  // 2: a seed of its own (version 1 followed the Train node's seed; migrate keeps that).
  version: 2,
  migrate: migrateOwnSeed,
  gradient: true,
  config: () => ({
    height: p.int({ default: 8, min: 1, max: 512, title: 'Image height' }),
    width: p.int({ default: 8, min: 1, max: 512, title: 'Image width', description: 'Use width 1 for 1-D signals.' }),
    channels: p.int({ default: 1, min: 1, max: 16, title: 'Channels' }),
    filters: p.int({ default: 16, min: 1, max: 256, title: 'Filters' }),
    kernel: p.int({ default: 3, min: 1, max: 15, title: 'Kernel size' }),
    pool: p.int({ default: 2, min: 1, max: 8, title: 'Pool size', description: '1 = no pooling.' }),
    hidden: p.int({ default: 32, min: 0, max: 1024, title: 'Dense units', description: '0 = none.' }),
    alpha: alphaParam(0.0001),
    seed: networkSeedParam(),
  }),
  fit(t, c, ctx) {
    // A width (or height) of 1 is a 1-D signal: the kernel and pool stay 1 along that axis.
    const hidden = (): LayerDef[] => [
      { kind: 'reshape', shape: [c.height, c.width, c.channels] },
      { kind: 'conv2d', filters: c.filters, kernel: [c.height === 1 ? 1 : c.kernel, c.width === 1 ? 1 : c.kernel], activation: 'relu' },
      ...(c.pool > 1 ? [{ kind: 'maxpool', size: [c.height === 1 ? 1 : c.pool, c.width === 1 ? 1 : c.pool] } satisfies LayerDef] : []),
      { kind: 'flatten' },
      ...(c.hidden > 0 ? [{ kind: 'dense', units: c.hidden, activation: 'relu' } as const] : []),
    ]
    return fitNetwork(t, ctx, { hidden, alpha: c.alpha })
  },
  predict: (s, X, rows) => predictGradient(s, X, rows, true),
  serialize: serializeGradient,
  exportTfjs: (s) => exportLayers(s, true),
  deserialize: (v) => deserializeGradient('convolutional network', v),
})
