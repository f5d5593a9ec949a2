import { p } from '../../runtime/values/params'
import { hclustSteps } from '../models/hclust'
import { runCancellable } from './checkpoint'
import { nearestCenter } from './clusters'
import { clustersParam } from './config'
import { defineFamily } from './family'
import { stateReader } from './state-check'

export const hclust = defineFamily({
  id: 'hclust',
  title: 'Hierarchical clustering',
  description:
    'Merges the closest clusters step by step (Ward: least increase in variance; complete/average/single: ' +
    'farthest/mean/nearest pair distance) and cuts the tree into k clusters. New rows go to the nearest cluster centroid.',
  tasks: ['clustering'],
  gradient: false,
  config: () => ({
    k: clustersParam(),
    linkage: p.select(['ward', 'complete', 'average', 'single'] as const, { default: 'ward', title: 'Linkage' }),
  }),
  async fit(t, config, ctx) {
    const { values: X, rows, cols } = t.X
    const merging = (f: number) => ctx.progress(f, `merging clusters: ${Math.round(f * 100)} %`)
    const state = await runCancellable(hclustSteps(X, rows, cols, config.k, config.linkage, merging), ctx.signal)
    return { state, summary: { clusters: state.k } }
  },
  predict: (s, X, rows) => nearestCenter(s, X, rows),
  serialize: (s) => ({ ...s }),
  deserialize(v) {
    const r = stateReader('hierarchical clustering', v)
    const k = r.number('k')
    const cols = r.number('cols')
    return { k, cols, centers: r.f64('centers', k * cols), labels: r.f64('labels') }
  },
})
