import type { GraphDocument } from '../../../runtime/document/schema'
import type { Figure } from '../report'
import { nodeOfType, withParams } from '../lib/graphs'
import { medianOfPairs } from '../lib/stats'

/** What tests/bench/browser/page.ts `incremental` reports of one run. */
interface RunSummary {
  ms: number
  ran: number
  cached: number
  errors: string[]
}

type Phase = (phase: 'cold' | 'reload', edited: GraphDocument) => Promise<{ run: RunSummary; edit?: RunSummary; tensorsLeaked?: number }>

/**
 * The MLP graph over IndexedDB in `pairs` fresh pages: a full run over an emptied cache, then the run after a
 * leaf edit (the metrics node's averaging) in the same page, then the unchanged graph after a page reload.
 * Each page's edit and reload are divided by that page's full run, and the rows are the medians of those
 * ratios: one edit is ≈ 10–20 ms on this host, where a single page's figure moved by half of that between runs.
 */
export async function measureBrowserIncremental(doc: GraphDocument, pairs: number, open: () => Promise<void>, phase: Phase) {
  const edited = withParams(doc, { [nodeOfType(doc, 'metric.classification')]: { average: 'macro' } })
  const runs: { full: RunSummary; edit: RunSummary; reload: RunSummary; tensorsLeaked: number }[] = []
  for (let i = 0; i < pairs; i++) {
    await open()
    const cold = await phase('cold', edited)
    await open()
    const { run: reload } = await phase('reload', edited)
    const failed = [cold.run, cold.edit!, reload].flatMap((r) => r.errors)
    if (failed.length) throw new Error(`graph failed in Chromium: ${failed[0]}`)
    if (cold.edit!.ran !== 1 || reload.ran !== 0) throw new Error(`Chromium: ${cold.edit!.ran} node(s) ran after the leaf edit and ${reload.ran} after the reload`)
    runs.push({ full: cold.run, edit: cold.edit!, reload, tensorsLeaked: cold.tensorsLeaked! })
  }
  const [edits, reloads] = (['edit', 'reload'] as const).map((of) => medianOfPairs(runs.map((r) => [r[of].ms, r.full.ms])))
  const figures: Figure[] = [
    {
      key: 'browserLeafEditFraction',
      label: 'Chromium: re-run after a leaf edit / full run',
      value: edits.ratio,
      unit: 'fraction',
      target: { op: '<=', value: 0.02 },
      note: `median of ${pairs} fresh page${pairs === 1 ? '' : 's'} (edit/full ms: ${edits.each}), 1 node re-ran in each`,
    },
    {
      key: 'browserReloadFraction',
      label: 'Chromium: after a page reload, IndexedDB cache / cold',
      value: reloads.ratio,
      unit: 'fraction',
      target: { op: '<=', value: 0.1 },
      note: `median of the same ${pairs} page${pairs === 1 ? '' : 's'} (reload/full ms: ${reloads.each}), ${runs[0].reload.cached} cached, 0 ran`,
    },
    {
      key: 'browserTensorsLeaked',
      label: 'Chromium: tf tensors left after two runs',
      value: Math.max(...runs.map((r) => r.tensorsLeaked)),
      unit: 'count',
      target: { op: '=', value: 0 },
    },
  ]
  return { figures, details: runs }
}
