import { z } from 'zod'
import type { GraphDocument, GraphEdge, GraphNode } from '../document/schema'
import { inputsOf, type Topology } from '../graph/topology'
import { wireAncestors } from '../graph/wire-ancestors'
import { computeKeys, type FileHashes, type NodeKey } from '../keys/cache-keys'
import { canonicalJson } from '../keys/canonical'
import { hashString } from '../keys/hash'
import type { RegisteredNode, ResolvedFile } from '../node-api/define-node'
import type { PortType } from '../node-api/ports'
import { mergeRanOn, type RanOn, type SubgraphHost, type SubgraphRequest, type SubgraphResult, type UpstreamNode } from '../node-api/subgraph'
import type { Registry } from '../registry'
import type { RunReport } from './events'
import type { FileProvider } from './node-files'
import type { NodeRunner } from './runner'

/** Type id of the stand-in node that carries a replaced value into a nested run. */
export const INJECT_TYPE = 'runtime.inject'

/** The outer run, as a nested run needs it. `runGraph` is passed in to keep the import one-way. */
export interface NestingEnv {
  doc: GraphDocument
  registry: Registry
  topo: Topology
  cache: import('../cache/node-cache').NodeCache
  scope: string
  keyOf(id: string): NodeKey | undefined
  fileHashes: FileHashes
  files?: FileProvider
  signal: AbortSignal
  backend: string
  concurrency?: number
  runner?: NodeRunner
  runGraph(opts: NestedRunOptions): Promise<RunReport>
}

/** The subset of RunOptions a nested run sets. */
export interface NestedRunOptions {
  doc: GraphDocument
  registry: Registry
  cache: NestingEnv['cache']
  scope: string
  to: string
  signal: AbortSignal
  files?: FileProvider
  backend: string
  concurrency?: number
  /** The outer run's runner: trials spread over the same worker pool. */
  runner?: NodeRunner
  keyOverrides: ReadonlyMap<string, string>
}

/** A nested run's document: what it computes, and the keys fixed for replaced values. */
interface Nested {
  doc: GraphDocument
  target: GraphEdge['from']
  overrides: Map<string, string>
  values: Map<string, unknown>
  types: PortType[]
}

/** The `ctx.subgraph` of node `callerId` in the run described by `env`. */
export function subgraphHost(env: NestingEnv, callerId: string): SubgraphHost {
  const files = memoFiles(env.files)
  return {
    parallel: Math.max(1, env.runner?.capacity ?? 1),
    upstream: (output) => upstreamNodes(env, callerId, output),
    run: (request) => runNested(env, callerId, request, files),
  }
}

async function runNested(env: NestingEnv, callerId: string, request: SubgraphRequest, files?: FileProvider): Promise<SubgraphResult> {
  const nested = nestedDocument(env, callerId, request)
  const registry = withInjectNode(env.registry, injectNode(nested.values, nested.types))
  const report = await env.runGraph({
    doc: nested.doc,
    registry,
    cache: env.cache,
    // Records of "why it re-ran" per trial stay apart from the outer graph's.
    scope: `${env.scope}\u0000${callerId}`,
    to: nested.target.node,
    signal: env.signal,
    files,
    backend: env.backend,
    concurrency: env.concurrency,
    runner: env.runner,
    keyOverrides: nested.overrides,
  })
  const status = report.nodes[nested.target.node]?.status
  if (status !== 'ran' && status !== 'cached') throw new Error(firstError(report) ?? `The nested run ended ${status ?? 'without a result'}.`)
  const keys = computeKeys(nested.doc, registry, env.fileHashes, undefined, nested.overrides)
  const key = keys.get(nested.target.node)!.key
  const hit = await env.cache.get(key)
  if (hit.status !== 'hit') throw new Error('The nested run\'s result left the cache before it could be read; raise the memory cache size.')
  const value = (hit.value as Record<string, unknown>)[nested.target.port]
  return { value, ran: report.ran, cached: report.cached, key, ms: report.ms, ranOn: ranOnOf(report, nested.overrides) }
}

/** Where the nodes a run computed ran, but for the stand-ins of replaced values (`standIns`: they always run here, in no time). */
function ranOnOf(report: RunReport, standIns: ReadonlyMap<string, string>): RanOn {
  const nodes = Object.entries(report.nodes).filter(([id, n]) => n.status === 'ran' && !standIns.has(id))
  return mergeRanOn(
    nodes.map(([, { worker, remote }]) =>
      worker !== undefined
        ? { pool: [worker], queue: [], here: false }
        : remote !== undefined
          ? { pool: [], queue: [remote], here: false }
          : { pool: [], queue: [], here: true },
    ),
  )
}

function firstError(report: RunReport): string | undefined {
  for (const id in report.nodes) {
    const n = report.nodes[id]
    if (n.status === 'error') return `${id}: ${n.error}`
  }
  return undefined
}

/** Copies the document, re-wires replaced values to stand-in nodes, overrides params, keeps only what `output` needs. */
function nestedDocument(env: NestingEnv, callerId: string, request: SubgraphRequest): Nested {
  const wiring = inputsOf(env.topo, callerId)
  const target = wiring.get(request.output)?.from
  if (!target) throw new Error(`Input "${request.output}" is not connected.`)
  const nodes = new Map<string, GraphNode>(env.doc.nodes.map((n) => [n.id, n]))
  let edges = env.doc.edges.filter((e) => e.to.node !== callerId)
  const overrides = new Map<string, string>()
  const values = new Map<string, unknown>()
  const types = new Set<PortType>()
  for (const [port, { value, tag }] of Object.entries(request.replace ?? {})) {
    const source = wiring.get(port)?.from
    if (!source) throw new Error(`Input "${port}" is not connected.`)
    const sourceKey = env.keyOf(source.node)
    if (!sourceKey) throw new Error(`Node "${source.node}" has no cache key.`)
    let id = `${callerId}~${port}`
    while (nodes.has(id)) id += '~'
    nodes.set(id, { id, type: INJECT_TYPE, params: { port } })
    overrides.set(id, hashString(canonicalJson({ from: `${sourceKey.key}#${source.port}`, tag })))
    values.set(port, value)
    for (const t of env.registry.get(nodes.get(source.node)!.type)?.outputs[source.port]?.types ?? []) types.add(t)
    edges = edges.map((e) => (e.from.node === source.node && e.from.port === source.port ? { ...e, from: { node: id, port: 'value' } } : e))
  }
  for (const [id, params] of request.params ?? []) nodes.set(id, overrideParams(env, nodes.get(id), id, params))
  const keep = wireAncestors(target.node, edges)
  for (const id of overrides.keys()) {
    if (!keep.has(id)) throw new Error(`The pipeline feeding "${request.output}" does not use input "${nodes.get(id)!.params.port}".`)
  }
  for (const id of request.params?.keys() ?? []) {
    if (!keep.has(id)) throw new Error(`Node "${id}" is not upstream of input "${request.output}".`)
  }
  const doc = { ...env.doc, nodes: [...keep].map((id) => nodes.get(id)!), edges: edges.filter((e) => keep.has(e.to.node)) }
  return { doc, target, overrides, values, types: [...types] }
}

function overrideParams(env: NestingEnv, node: GraphNode | undefined, id: string, params: Record<string, unknown>): GraphNode {
  if (!node) throw new Error(`No node with id "${id}".`)
  const def = env.registry.get(node.type)
  for (const name of Object.keys(params)) {
    if (!def || !Object.hasOwn(def.params, name)) throw new Error(`Node "${id}" has no param "${name}".`)
    if (def.fileParams?.includes(name)) throw new Error(`File param "${name}" of node "${id}" cannot be varied.`)
  }
  return { ...node, params: { ...node.params, ...params } }
}

function upstreamNodes(env: NestingEnv, callerId: string, output: string): UpstreamNode[] {
  const target = inputsOf(env.topo, callerId).get(output)?.from
  if (!target) return []
  const keep = wireAncestors(target.node, env.doc.edges)
  return env.doc.nodes
    .filter((n) => keep.has(n.id))
    .map((n) => {
      const def = env.registry.get(n.type)
      const parsed = def?.paramsSchema.safeParse(n.params)
      return { id: n.id, type: n.type, title: def?.title ?? n.type, params: parsed?.success ? (parsed.data as Record<string, unknown>) : n.params }
    })
}

/** The stand-in node: outputs the replaced value named by its `port` param; its key is fixed by the nested run. */
function injectNode(values: ReadonlyMap<string, unknown>, types: PortType[]): RegisteredNode {
  const params = { port: z.string() }
  return {
    type: INJECT_TYPE,
    version: 1,
    category: 'data',
    title: 'Replaced value',
    description: 'A value given to a nested run (a fold, a validation split).',
    inputs: {},
    outputs: { value: { types } },
    params,
    paramsSchema: z.object(params).strict(),
    // Its values live in this closure, on the host thread.
    hostOnly: true,
    run: (_inputs, p) => {
      const port = (p as { port: string }).port
      if (!values.has(port)) throw new Error(`No replaced value for "${port}".`)
      return { value: values.get(port) }
    },
  }
}

/** The registry plus the stand-in node type, without recompiling every node's params. */
function withInjectNode(base: Registry, inject: RegisteredNode): Registry {
  const overlay = Object.create(base) as Registry
  overlay.get = (type) => (type === INJECT_TYPE ? inject : base.get(type))
  overlay.list = () => [...base.list(), inject]
  return overlay
}

/** Reads each file once for all nested runs of one outer run. */
function memoFiles(provider: FileProvider | undefined): FileProvider | undefined {
  if (!provider) return undefined
  const seen = new Map<string, Promise<ResolvedFile>>()
  return {
    resolve(value, param) {
      let f = seen.get(value)
      if (!f) seen.set(value, (f = provider.resolve(value, param)))
      return f
    },
  }
}
