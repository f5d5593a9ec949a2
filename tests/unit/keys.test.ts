import { describe, expect, it } from 'vitest'
import { computeKeys } from '../../runtime/keys/cache-keys'
import { canonicalJson } from '../../runtime/keys/canonical'
import { hashString } from '../../runtime/keys/hash'
import { graph } from '../support/graph'
import { testRegistry } from '../support/test-nodes'

const registry = testRegistry()
const doc = (offset: number, value = 2) =>
  graph(
    [
      ['a', 'test.const', { value }],
      ['b', 'test.add', { offset }],
      ['c', 'test.add'],
      ['side', 'test.const', { value: 9 }],
    ],
    ['a.out->b.a', 'b.out->c.a'],
  )
const keysOf = (d: ReturnType<typeof graph>, files?: Map<string, Record<string, string>>) =>
  Object.fromEntries([...computeKeys(d, registry, files)].map(([id, k]) => [id, k.key]))

describe('computeKeys', () => {
  it('changes the edited node and its descendants only', () => {
    const before = keysOf(doc(0))
    const after = keysOf(doc(1))
    expect(after.a).toBe(before.a)
    expect(after.side).toBe(before.side)
    expect(after.b).not.toBe(before.b)
    expect(after.c).not.toBe(before.c)
  })

  it('does not depend on ids, positions, labels or spelled-out defaults', () => {
    const base = keysOf(doc(0))
    const moved = doc(0)
    moved.nodes.forEach((n, i) => {
      n.position = { x: i * 100, y: 0 }
      n.label = `label ${i}`
    })
    const renamed = graph(
      [
        ['x1', 'test.const', { value: 2 }],
        ['x2', 'test.add', {}],
      ],
      ['x1.out->x2.a'],
    )
    const k = keysOf(renamed)
    expect(keysOf(moved)).toEqual(base)
    expect(k.x1).toBe(base.a)
    expect(k.x2).toBe(base.b)
  })

  it('includes the content hash of files, not their path', () => {
    const d = graph([['f', 'test.file-length', { path: 'a.csv' }]])
    const h1 = keysOf(d, new Map([['f', { path: 'hash-1' }]]))
    const h2 = keysOf(d, new Map([['f', { path: 'hash-2' }]]))
    const moved = keysOf(graph([['f', 'test.file-length', { path: 'elsewhere/a.csv' }]]), new Map([['f', { path: 'hash-1' }]]))
    expect(h1.f).not.toBe(h2.f)
    // The path is a param, so it is in the key too; the content is what makes a change re-run.
    expect(moved.f).not.toBe(h2.f)
  })

  it('gives no key to invalid nodes or anything behind them', () => {
    const k = keysOf(doc(5000))
    expect(k.a).toBeDefined()
    expect(k.b).toBeUndefined()
    expect(k.c).toBeUndefined()
  })

  it('is the hash of the canonical recipe whatever the text: escaped and non-ASCII names, files, keys fixed from outside', () => {
    const d = graph([
      ['f', 'test.file-length', { path: 'données/😀 "x".csv' }],
      ['k', 'test.const', { value: -0.5 }],
      ['s', 'test.add'],
      ['t', 'test.add', { offset: 2.5e-7 }],
    ])
    const wire = (from: string, fromPort: string, to: string, toPort: string) =>
      d.edges.push({ id: `${from}${to}${toPort}`, from: { node: from, port: fromPort }, to: { node: to, port: toPort } })
    wire('f', 'out', 's', 'é')
    wire('k', 'o"u\\t', 's', 'a')
    wire('k', 'out', 's', '__proto__')
    wire('s', 'out', 't', 'z\u2028')
    wire('f', 'out', 't', 'b')
    const files = new Map([['f', { path: 'hash-ü' }]])
    const overrides = new Map([['k', 'fixed "key" ü']])
    const keys = computeKeys(d, registry, files, undefined, overrides)
    expect(keys.get('k')!.key).toBe('fixed "key" ü')
    for (const id of ['f', 's', 't']) {
      const { key, recipe } = keys.get(id)!
      const inputs = Object.fromEntries(
        d.edges.filter((e) => e.to.node === id && e.to.port !== '__proto__').map((e) => [e.to.port, `${keys.get(e.from.node)!.key}#${e.from.port}`]),
      )
      expect(recipe.inputs).toEqual(inputs)
      expect(key).toBe(hashString(canonicalJson({ files: files.get(id) ?? {}, inputs, params: recipe.params, type: recipe.type, version: recipe.version })))
    }
  })
})

