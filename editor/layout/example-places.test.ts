import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createRegistry } from '../../nodes'
import type { GraphDocument } from '../../runtime/document/schema'
import { describeNode } from '../../runtime/registry'
import { docToFlow } from '../lib/doc-convert'
import { cardsOverlap } from './overlap'

/**
 * Each example's node cards as Chromium draws them once the example has run (summary lines and
 * sparklines make cards taller and wider than before a run), by file and node id. Written by
 * tests/browser/measure-example-cards.ts.
 */
type Size = { width: number; height: number }
const measured = JSON.parse(readFileSync('tests/fixtures/examples/card-sizes.json', 'utf8')) as Record<string, Record<string, Size>>
const files = readdirSync('examples').filter((f) => f.endsWith('.json')).sort()
const read = (file: string) => JSON.parse(readFileSync(`examples/${file}`, 'utf8')) as GraphDocument
const descriptors = new Map(createRegistry().list().map((d) => [d.type, describeNode(d)]))

/** Room kept between two cards, so their borders and the wires between them stay apart. */
const GAP = 16

/** Pairs of cards (by id) closer than GAP on both axes, i.e. covering or touching each other. */
function crowded(doc: GraphDocument, sizes: Record<string, Size>): string[] {
  const boxes = doc.nodes.map((n) => ({ id: n.id, x: n.position!.x, y: n.position!.y, ...sizes[n.id] }))
  const apart = (a: (typeof boxes)[number], b: (typeof boxes)[number]) =>
    a.x + a.width + GAP <= b.x || b.x + b.width + GAP <= a.x || a.y + a.height + GAP <= b.y || b.y + b.height + GAP <= a.y
  return boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => !apart(a, b)).map((b) => `${a.id} / ${b.id}`))
}

describe("examples' saved places", () => {
  it('have a measured card size for every node of every example', () => {
    expect(Object.keys(measured).sort()).toEqual(files)
    for (const file of files) expect(Object.keys(measured[file]).sort(), file).toEqual(read(file).nodes.map((n) => n.id).sort())
  })

  it.each(files)('%s: no card covers or touches another after a run', (file) => {
    expect(crowded(read(file), measured[file])).toEqual([])
  })

  it.each(files)('%s: opens at its own places (no overlap before a run) and reads left to right', (file) => {
    const doc = read(file)
    const { nodes, edges } = docToFlow(doc)
    expect(cardsOverlap(nodes, edges, descriptors)).toBe(false)
    const x = new Map(doc.nodes.map((n) => [n.id, n.position!.x]))
    expect(doc.edges.filter((e) => x.get(e.from.node)! >= x.get(e.to.node)!).map((e) => e.id)).toEqual([])
  })
})
