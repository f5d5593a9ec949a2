import { describe, expect, it } from 'vitest'
import { defineNode } from '../../runtime/node-api/define-node'
import { port } from '../../runtime/node-api/ports'
import { describeNode, Registry } from '../../runtime/registry'
import type { FlowEdge, FlowNode } from '../lib/flow-types'
import { cardsOverlap } from './overlap'

const one = defineNode({ type: 'x.one', version: 1, category: 'test', title: 'One', description: '', inputs: {}, outputs: { data: port.dataset() }, params: {}, run: () => ({}) })
const many = defineNode({
  type: 'x.many', version: 1, category: 'test', title: 'Many', description: '',
  inputs: { a: port.dataset({ optional: true }), b: port.dataset({ optional: true }), c: port.dataset({ optional: true }), d: port.dataset({ optional: true }), e: port.dataset({ optional: true }) },
  outputs: {}, params: {}, run: () => ({}),
})
const descriptors = new Map(new Registry([one, many]).list().map((d) => [d.type, describeNode(d)]))
const at = (id: string, nodeType: string, x: number, y: number): FlowNode => ({ id, type: 'pipeline', position: { x, y }, data: { nodeType, params: {} } })
const none: FlowEdge[] = []

describe('cardsOverlap', () => {
  it('finds two cards on one spot, and a card partly under the next', () => {
    expect(cardsOverlap([at('a', 'x.one', 0, 0), at('b', 'x.one', 260, 0), at('c', 'x.one', 260, 0)], none, descriptors)).toBe(true)
    // 220 px wide cards, 200 px apart.
    expect(cardsOverlap([at('a', 'x.one', 0, 0), at('b', 'x.one', 200, 30)], none, descriptors)).toBe(true)
  })

  it('sees a card of five port rows (139 px) reach the card 120 px below it, not one 160 px below', () => {
    expect(cardsOverlap([at('m', 'x.many', 0, 0), at('b', 'x.one', 0, 120)], none, descriptors)).toBe(true)
    expect(cardsOverlap([at('m', 'x.many', 0, 0), at('b', 'x.one', 0, 160)], none, descriptors)).toBe(false)
  })

  it('passes cards in a grid 260 × 160 px apart, in any order', () => {
    const grid = Array.from({ length: 30 }, (_, i) => at(`n${i}`, 'x.one', (i % 6) * 260, Math.floor(i / 6) * 160)).reverse()
    expect(cardsOverlap(grid, none, descriptors)).toBe(false)
  })
})
