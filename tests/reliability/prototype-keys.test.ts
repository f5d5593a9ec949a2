import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadDocument, saveDocument } from '../../runtime/document/load'
import type { RunReport } from '../../runtime/exec/events'
import { graph } from '../support/graph'
import { testRegistry } from '../support/test-nodes'
import { cli } from './cli'

const registry = testRegistry()
const NAMES = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty']

/** The document as JSON text, the way a hostile file carries `__proto__` as an own key. */
const text = (doc: object) => JSON.stringify(doc)

describe('keys named like Object.prototype members', () => {
  it.each(NAMES)('a port named %s is an unknown port, not a crash', (name) => {
    const to = graph([['a', 'test.const'], ['b', 'test.add']], [`a.out->b.${name}` as `a.out->b.a`])
    expect(loadDocument(text(to), registry).diagnostics.map((d) => `${d.path}: ${d.message}`)).toContain(
      `edges[0].to.port: Node "b" (test.add) has no input port "${name}"; its inputs are: a, b.`,
    )
    const from = graph([['a', 'test.const'], ['b', 'test.add']], [`a.${name}->b.a` as `a.out->b.a`])
    expect(loadDocument(text(from), registry).diagnostics.map((d) => d.path)).toEqual(['edges[0].from.port'])
  })

  it.each(NAMES)('a node with id %s validates, keeps its params and saves', (name) => {
    const doc = graph([[name, 'test.const', { value: 3 }], ['b', 'test.add']], [`${name}.out->b.a` as `a.out->b.a`])
    const loaded = loadDocument(text(doc), registry)
    expect(loaded.ok && loaded.diagnostics).toEqual([])
    if (!loaded.ok) return
    expect(loaded.doc.nodes[0]).toMatchObject({ id: name, params: { value: 3 } })
    expect(JSON.parse(saveDocument(loaded.doc)).edges[0].from.node).toBe(name)
  })

  it('a node with id __proto__ is in the CLI report, and its failure is exit 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mlcanvas-proto-'))
    const doc = {
      format: 'mlcanvas/graph',
      version: 1,
      nodes: [
        { id: '__proto__', type: 'data.csv', params: { path: 'missing.csv' } },
        { id: 'constructor', type: 'transform.split', params: {} },
      ],
      edges: [{ id: 'toString', from: { node: '__proto__', port: 'data' }, to: { node: 'constructor', port: 'data' } }],
    }
    await writeFile(join(dir, 'g.json'), text(doc))
    const r = await cli(['run', join(dir, 'g.json'), '--json', '--no-cache'])
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as RunReport
    expect(Object.keys(report.nodes)).toEqual(['__proto__', 'constructor'])
    expect(Object.hasOwn(report.nodes, '__proto__') && report.nodes['__proto__'].error).toMatch(/^File not found: missing\.csv/)
    expect(report.nodes.constructor).toMatchObject({ status: 'blocked', error: 'blocked by __proto__' })

    await writeFile(join(dir, 'bad-port.json'), text({ ...doc, edges: [{ ...doc.edges[0], to: { node: 'constructor', port: 'valueOf' } }] }))
    const bad = await cli(['run', join(dir, 'bad-port.json')])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('error: edges[0].to.port: Node "constructor" (transform.split) has no input port "valueOf"; its inputs are: data.')
    expect(bad.stderr).not.toMatch(/\n\s+at /)
  }, 60_000)
})
