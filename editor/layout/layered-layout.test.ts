import { describe, expect, it } from 'vitest'
import { GAPS, layeredLayout, type Box, type Link } from './layered-layout'

const box = (id: string, height = 56): Box => ({ id, width: 200, height })
const link = (source: string, target: string): Link => ({ source, target })

/** One bench pipeline: data → split → train ← model, split → predict ← train. */
function pipeline(i: number) {
  const id = (n: string) => `${n}${i}`
  return {
    boxes: [box(id('data')), box(id('split')), box(id('model')), box(id('fit'), 119), box(id('predict'), 77)],
    links: [link(id('data'), id('split')), link(id('split'), id('fit')), link(id('model'), id('fit')), link(id('fit'), id('predict')), link(id('split'), id('predict'))],
  }
}

const overlap = (a: { x: number; y: number }, b: { x: number; y: number }, ha: number, hb: number) =>
  a.x < b.x + 200 && b.x < a.x + 200 && a.y < b.y + hb && b.y < a.y + ha

describe('layered layout', () => {
  it('puts every wire left to right, one column per step, and a source just before its consumer', () => {
    const { boxes, links } = pipeline(0)
    const at = layeredLayout(boxes, links)
    for (const l of links) expect(at.get(l.target)!.x).toBeGreaterThan(at.get(l.source)!.x)
    const column = 200 + GAPS.layer
    expect(at.get('split0')!.x - at.get('data0')!.x).toBe(column)
    expect(at.get('fit0')!.x - at.get('split0')!.x).toBe(column)
    // The model spec has no inputs: it sits in the column before Train, not at the far left.
    expect(at.get('model0')!.x).toBe(at.get('split0')!.x)
    // A single parent: level with it.
    expect(at.get('split0')!.y).toBe(at.get('data0')!.y)
  })

  it('never overlaps two nodes, within a component or between components, on 1 000 nodes in well under a second', () => {
    const parts = Array.from({ length: 200 }, (_, i) => pipeline(i))
    const boxes = parts.flatMap((p) => p.boxes)
    const t0 = performance.now()
    const at = layeredLayout(boxes, parts.flatMap((p) => p.links))
    expect(performance.now() - t0).toBeLessThan(500)
    expect(at.size).toBe(1000)
    const height = new Map(boxes.map((b) => [b.id, b.height]))
    // Sorted by x, each node checked against those that can still overlap it.
    const sorted = [...at].sort((a, b) => a[1].x - b[1].x)
    let overlaps = 0
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length && sorted[j][1].x < sorted[i][1].x + 200; j++) {
        if (overlap(sorted[i][1], sorted[j][1], height.get(sorted[i][0])!, height.get(sorted[j][0])!)) overlaps++
      }
    }
    expect(overlaps).toBe(0)
    // Packed in rows, not one long line: the layout is at most a few times wider than tall.
    const xs = [...at.values()].map((p) => p.x)
    const ys = [...at.values()].map((p) => p.y)
    const [w, h] = [xs.reduce((m, x) => Math.max(m, x), 0), ys.reduce((m, y) => Math.max(m, y), 0)]
    expect(w / h).toBeGreaterThan(0.5)
    expect(w / h).toBeLessThan(4)
  })

  it('orders a column so that wires do not cross when they need not', () => {
    // a1 feeds b2 and a2 feeds b1, listed crosswise: the sweep puts b2 above b1.
    const at = layeredLayout([box('a1'), box('a2'), box('b1'), box('b2')], [link('a1', 'b2'), link('a2', 'b1'), link('a1', 'a2')])
    expect(at.get('b2')!.y).toBeLessThan(at.get('b1')!.y)
  })

  it('places every node of a graph with a cycle or a dangling wire, and ids named like Object members', () => {
    const at = layeredLayout([box('__proto__'), box('constructor'), box('x')], [link('__proto__', 'constructor'), link('constructor', '__proto__'), link('x', 'gone')])
    expect([...at.keys()].sort()).toEqual(['__proto__', 'constructor', 'x'])
    for (const p of at.values()) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true)
  })
})
