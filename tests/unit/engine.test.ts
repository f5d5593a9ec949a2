import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { IdbStore } from '../../runtime/cache/idb-store'
import { NodeCache } from '../../runtime/cache/node-cache'
import type { RunEvent } from '../../runtime/exec/events'
import { Engine } from '../../runtime/worker/engine'
import { BrowserFileStore } from '../../runtime/worker/file-store'
import { graph } from '../support/graph'
import { testRegistry } from '../support/test-nodes'

const makeEngine = (name = `db-${Math.random()}`) =>
  new Engine({
    registry: testRegistry(),
    cache: new NodeCache({ store: new IdbStore(name) }),
    files: new BrowserFileStore(`${name}-files`),
    startBackend: async () => ({ backend: 'cpu', failed: [], available: ['cpu'] }),
  })

const doc = graph([['t', 'test.table', { rows: 5 }], ['p', 'test.pass']], ['t.data->p.data'])

describe('Engine', () => {
  it('runs, then reports results from the persistent cache after a "reload"', async () => {
    const name = `db-${Math.random()}`
    const engine = makeEngine(name)
    await engine.init()
    const events: RunEvent[] = []
    const report = await engine.run({ doc, scope: 'tab' }, (e) => events.push(e))
    expect(report.ran).toBe(2)
    expect(events.map((e) => e.type)).toEqual(['run-start', 'queued', 'queued', 'running', 'done', 'running', 'done', 'run-end'])

    const reloaded = makeEngine(name) // a new engine on the same IndexedDB: like a page reload
    const peek = await reloaded.peek(doc)
    expect(peek.p?.summary).toEqual({ rows: 5, columns: 2, target: 'y' })
    // The editor sends the document as JSON text: the same answers.
    expect(await reloaded.peek(JSON.stringify(doc))).toEqual(peek)
    const preview = await reloaded.preview(doc, 'p', 'data', { rows: 2 })
    expect(preview).toEqual({
      kind: 'dataset',
      rows: 5,
      columns: [
        { name: 'x', type: 'numeric', role: 'feature', missing: 0 },
        { name: 'y', type: 'categorical', role: 'target', missing: 0, categories: ['a', 'b'] },
      ],
      head: [
        ['0', 'a'],
        ['1.5', 'b'],
      ],
    })
    const again = await reloaded.run({ doc, scope: 'tab' }, () => undefined)
    expect(again.cached).toBe(2)
  })

  it('gives changed keys only to the edited node and its descendants', async () => {
    const engine = makeEngine()
    const before = await engine.keys(doc)
    const edited = structuredClone(doc)
    edited.nodes[0].params = { rows: 6 }
    const after = await engine.keys(edited)
    expect(after.t).not.toBe(before.t)
    expect(after.p).not.toBe(before.p)
    // As the editor sends it, JSON text (an id named __proto__ included): the same keys.
    expect(await engine.keys(JSON.stringify(edited))).toEqual(after)
    const proto = JSON.parse(JSON.stringify(edited).replaceAll('"p"', '"__proto__"')) as typeof edited
    expect(Object.keys(await engine.keys(JSON.stringify(proto))).sort()).toEqual(['__proto__', 't'])
  })

  it('resolves uploaded files by name and keys them by content', async () => {
    const engine = makeEngine()
    const fileDoc = graph([['f', 'test.file-length', { path: 'data.csv' }]])
    const missing = await engine.run({ doc: fileDoc }, () => undefined)
    expect(missing.nodes.f.error).toBe('The file "data.csv" is not in this browser yet: choose or drop it on the node.')
    await engine.putFile('data.csv', new TextEncoder().encode('a,b\n1,2\n').buffer as ArrayBuffer)
    const k1 = await engine.keys(fileDoc)
    const ran = await engine.run({ doc: fileDoc }, () => undefined)
    expect(ran.nodes.f.summary).toEqual({ value: 8 })
    await engine.putFile('data.csv', new TextEncoder().encode('a,b\n1,2\n3,4\n').buffer as ArrayBuffer)
    expect((await engine.keys(fileDoc)).f).not.toBe(k1.f)
    expect(await engine.listFiles()).toEqual([{ name: 'data.csv', bytes: 12, hash: expect.any(String) }])
  })

  it('cancels a run in flight', async () => {
    const engine = makeEngine()
    const slow = graph([['a', 'test.const'], ['s', 'test.slow', { steps: 500 }]], ['a.out->s.a'])
    const run = engine.run({ doc: slow }, (e) => {
      if (e.type === 'progress') void engine.cancel()
    })
    expect((await run).nodes.s.status).toBe('cancelled')
  })
})
