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
