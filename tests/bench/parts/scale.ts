import { CURRENT_VERSION, GRAPH_FORMAT, type GraphDocument } from '../../../runtime/document/schema'
import { topologicalOrder } from '../../../runtime/graph/order'
import { buildTopology } from '../../../runtime/graph/topology'
import { computeKeys } from '../../../runtime/keys/cache-keys'
import { validateGraph } from '../../../runtime/validate/validate'
import { testRegistry } from '../../support/test-nodes'
import type { PartResult } from '../report'
import { median } from '../lib/stats'

/**
 * A layered synthetic graph: `width` constants feeding rows of two-input adders, each adder
 * wired to two nodes of the row above, so every node has real fan-in and fan-out.
 */
export function syntheticGraph(nodes: number, width = 100): GraphDocument {
  const doc: GraphDocument = { format: GRAPH_FORMAT, version: CURRENT_VERSION, nodes: [], edges: [], meta: {} }
  for (let i = 0; i < nodes; i++) {
    const row = Math.floor(i / width)
    if (row === 0) {
      doc.nodes.push({ id: `n${i}`, type: 'test.const', params: { value: i } })
      continue
    }
    doc.nodes.push({ id: `n${i}`, type: 'test.add', params: { offset: i % 7 } })
    const above = (row - 1) * width
    const a = above + (i % width)
    const b = above + ((i * 7 + 3) % width)
    doc.edges.push({ id: `e${doc.edges.length}`, from: { node: `n${a}`, port: 'out' }, to: { node: `n${i}`, port: 'a' } })
    doc.edges.push({ id: `e${doc.edges.length}`, from: { node: `n${b}`, port: 'out' }, to: { node: `n${i}`, port: 'b' } })
  }
  return doc
}

/** User + system time of this process (V8's garbage-collector threads included), ms. */
const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000

/** What a run does before executing anything: topology, validation, keys, order. */
function plan(doc: GraphDocument, registry: ReturnType<typeof testRegistry>) {
  const topo = buildTopology(doc)
  const diagnostics = validateGraph(doc, registry, topo)
  const keys = computeKeys(doc, registry, new Map(), topo)
  const { order } = topologicalOrder(topo)
  if (diagnostics.length || keys.size !== doc.nodes.length || order.length !== doc.nodes.length) {
    throw new Error(`synthetic graph did not plan cleanly: ${diagnostics[0]?.message ?? 'missing keys'}`)
  }
}

/**
 * Plans made before the measured ones and not counted: V8 is still compiling the plan's code in
 * the background during the first few (a full run's plans 2 and 3 took 63 and 74 ms, CPU 76 and
 * 103 ms, against 47–57 ms for the rest). The first plan of the process has its own row.
 */
const WARM_UP = 3

/**
 * Median of `repeats` plans of a freshly loaded copy of the graph (every params object parsed
 * for the first time), and of the same graph after editing one leaf param (unchanged nodes
 * keep their params objects: a zod parse of them is memoised, the fast path checks them again).
 * Loaded from its JSON text, as the CLI reads a file and the editor's worker the text the editor
 * sends it at each edit (`keys`, `validate`). Until 1 Dec a structured clone: the worker got
 * that before, and its objects are ≈ 4× the size (16 vs 3.7 MB here) and plan slower.
 */
export function measureScale(nodes: number, repeats: number): PartResult {
  const registry = testRegistry()
  const cold: number[] = []
  const coldCpu: number[] = []
  const edit: number[] = []
  const template = syntheticGraph(nodes)
  const text = JSON.stringify(template)
  for (let r = 0; r < WARM_UP + repeats; r++) {
    const doc = JSON.parse(text) as GraphDocument
    let t0 = performance.now()
    const cpu0 = process.cpuUsage()
    plan(doc, registry)
    cold.push(performance.now() - t0)
    coldCpu.push(cpuMs(process.cpuUsage(cpu0)))
    const last = doc.nodes.length - 1
    const edited = { ...doc, nodes: doc.nodes.map((n, i) => (i === last ? { ...n, params: { offset: 99 } } : n)) }
    t0 = performance.now()
    plan(edited, registry)
    edit.push(performance.now() - t0)
  }
  const [steady, steadyCpu, steadyEdit] = [cold, coldCpu, edit].map((xs) => xs.slice(WARM_UP))
  return {
    figures: [
      {
        key: 'schedule10kMs',
        label: `validate + keys + order, ${nodes} nodes`,
        value: median(steady),
        unit: 'ms',
        target: { op: '<', value: 50 },
        note: `median of ${repeats} after ${WARM_UP} warm-up plans, fresh document; CPU time median ${median(steadyCpu).toFixed(0)} ms (the steadier figure when other load shares the cores)`,
      },
      { key: 'scheduleFirst10kMs', label: 'same, first plan in the process', value: cold[0], unit: 'ms', note: 'JIT still cold, as in a one-shot CLI run' },
      { key: 'scheduleEdit10kMs', label: 'same after a one-param edit', value: median(steadyEdit), unit: 'ms', note: 'fast-path params checked again; zod parses memoised' },
    ],
    details: { nodes, edges: template.edges.length, warmUp: WARM_UP, coldMs: cold, coldCpuMs: coldCpu, editMs: edit },
  }
}
