import { CURRENT_VERSION, GRAPH_FORMAT, type GraphDocument } from '../../runtime/document/schema'

type NodeSpec = [id: string, type: string, params?: Record<string, unknown>]
type EdgeSpec = `${string}.${string}->${string}.${string}`

/** Builds a document tersely: graph([['a','test.const']], ['a.out->b.a']). */
export function graph(nodes: NodeSpec[], edges: EdgeSpec[] = []): GraphDocument {
  return {
    format: GRAPH_FORMAT,
    version: CURRENT_VERSION,
    nodes: nodes.map(([id, type, params]) => ({ id, type, params: params ?? {} })),
    edges: edges.map((spec, i) => {
      const [from, to] = spec.split('->')
      const [fn, fp] = from.split('.')
      const [tn, tp] = to.split('.')
      return { id: `e${i}`, from: { node: fn, port: fp }, to: { node: tn, port: tp } }
    }),
    meta: {},
  }
}

/** a, b → sum → twice → last; sum also feeds `tap` (test node pack): fan-in, fan-out and a chain to group. */
export const sumGraph = () =>
  graph(
    [
      ['a', 'test.const', { value: 2 }],
      ['b', 'test.const', { value: 3 }],
      ['sum', 'test.add', { offset: 1 }],
      ['twice', 'test.add'],
      ['tap', 'test.add', { offset: 100 }],
      ['last', 'test.add', { offset: 7 }],
    ],
    ['a.out->sum.a', 'b.out->sum.b', 'sum.out->twice.a', 'sum.out->twice.b', 'sum.out->tap.a', 'twice.out->last.a'],
  )

/** a → b → c, and `z` on its own (test node pack): a chain to select, group, delete and run in editor tests. */
export const chainGraph = () =>
  graph(
    [
      ['a', 'test.const', { value: 2 }],
      ['b', 'test.add', { offset: 1 }],
      ['c', 'test.add', { offset: 10 }],
      ['z', 'test.const', { value: 7 }],
    ],
    ['a.out->b.a', 'b.out->c.a'],
  )
