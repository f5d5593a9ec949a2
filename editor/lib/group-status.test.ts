import { describe, expect, it } from 'vitest'
import { graph } from '../../tests/support/graph'
import { testRegistry } from '../../tests/support/test-nodes'
import { revealInner } from '../engine/group-actions'
import { openDocument } from '../engine/open-document'
import { runGraph } from '../engine/run-actions'
import { headlessEditor } from '../testing/headless-editor'
import { portNames } from '../store/selectors'
import { groupStatus, innerRunNodes, statusCounts } from './group-status'

const doc = () =>
  graph(
    [
      ['a', 'test.const', { value: 2 }],
      ['b', 'test.add', { offset: 1 }],
      ['c', 'test.add', { offset: 10 }],
      ['bad', 'test.fail'],
    ],
    ['a.out->b.a', 'b.out->c.a', 'b.out->bad.a'],
  )

/** The editor with b, c and the failing node grouped, and the group nested once more with a. */
async function grouped() {
  const ed = headlessEditor(testRegistry())
  await openDocument(ed, doc(), 'test')
  const g = () => ed.graph.getState()
  g().select(['b', 'c', 'bad'])
  const inner = g().groupSelected(portNames(ed))!
  g().select(['a', inner])
  const outer = g().groupSelected(portNames(ed))!
  const status = () => {
    const group = g().nodes.find((n) => n.id === outer)!.data.group!
    const { runs, keys } = ed.run.getState()
    return groupStatus(innerRunNodes(group).map((n) => n.id), runs, keys)
  }
  return { ed, g, outer, inner, status }
}

describe('a closed group card', () => {
  it('counts what its inner nodes did, at any depth, and names the first failure', async () => {
    const { ed, g, outer, inner, status } = await grouped()
    expect(status()).toMatchObject({ state: 'idle', total: 4 })
    expect(statusCounts(status())).toBe('')
    await runGraph(ed, 'all')
    expect(status()).toMatchObject({ state: 'error', counts: { done: 3, error: 1 }, failed: { id: 'bad', error: 'boom: this node always fails' } })
    expect(statusCounts(status())).toBe('3 ran · 1 failed')
    await runGraph(ed, 'all')
    expect(statusCounts(status())).toBe('3 cached · 1 failed')
    // An edit inside re-runs that node only.
    g().enterGroup(outer)
    g().enterGroup(inner)
    g().setParam('c', 'offset', 11)
    g().leaveTo(0, portNames(ed))
    await runGraph(ed, 'all')
    expect(statusCounts(status())).toBe('1 ran · 2 cached · 1 failed')
  })

  it('shows progress while inner nodes run: finished nodes plus the running ones\' fractions', () => {
    const runs = new Map([
      ['x', { phase: 'done' as const, resultKey: 'kx' }],
      ['y', { phase: 'running' as const, progress: 0.5 }],
      ['z', { phase: 'queued' as const }],
      ['w', { phase: 'cached' as const, resultKey: 'old' }],
    ])
    const keys = new Map([
      ['x', 'kx'],
      ['w', 'kw'],
    ])
    const s = groupStatus(['x', 'y', 'z', 'w'], runs, keys)
    expect(s).toMatchObject({ state: 'running', progress: (1 + 0.5 + 0 + 1) / 4 })
    expect(statusCounts(s)).toBe('1 running · 1 queued · 1 ran · 1 stale')
  })

  it('opens the groups down to a failed inner node and selects it', async () => {
    const { ed, g, outer, inner } = await grouped()
    await runGraph(ed, 'all')
    revealInner(ed, outer, 'bad')
    expect(g().path.map((p) => p.id)).toEqual([outer, inner])
    expect(g().nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(['bad'])
  })
})
