import type { NodeCache } from '../cache/node-cache'
import type { GraphDocument, GraphNode } from '../document/schema'
import { buildTopology, topologicalOrder, withAncestors, withDescendants } from '../graph/topology'
import { computeKeys, type FileHashes, type NodeKey } from '../keys/cache-keys'
import { hashString } from '../keys/hash'
import type { NodeContext, RegisteredNode, ResolvedFile, Values } from '../node-api/define-node'
import type { Registry } from '../registry'
import { validateGraph } from '../validate/validate'
import { encodeValue } from '../values/codec'
import { summarizeOutputs, type Summary } from '../values/summary'
import type { NodeReport, RunEvent, RunReport } from './events'
import { explainMiss } from './reasons'
import { seededRandom, seedFromHex } from './rng'
import { fileHashesOf, readNodeFiles } from './node-files'
import { nodeProblems } from './node-problems'

/** Reads the files a node's `file` params name (from disk, or from the browser's uploads). */
export interface FileProvider {
  /** `param` names the node param that asked, for messages. */
  resolve(value: string, param?: string): Promise<ResolvedFile>
}

export interface RunOptions {
  doc: GraphDocument
  registry: Registry
  cache: NodeCache
  /** Identity of the graph (a file path, an editor tab) under which "why it re-ran" is remembered. */
  scope?: string
  /** Run only this node and what it depends on. */
  to?: string
  /** Re-run these nodes and everything downstream of them, ignoring the cache. */
  force?: string[]
  signal?: AbortSignal
  onEvent?: (event: RunEvent) => void
  files?: FileProvider
  backend?: string
  /** How many ready nodes may run at once (async nodes interleave). */
  concurrency?: number
}

class Cancelled extends Error {}

/**
 * Runs a graph incrementally: ready nodes in topological order, cache hits skipped without
 * decoding, cached values loaded only when a node downstream has to run. A failing node
 * blocks its descendants only; independent branches go on.
 */
export async function runGraph(opts: RunOptions): Promise<RunReport> {
  const started = performance.now()
  const { doc, registry, cache } = opts
  const signal = opts.signal ?? new AbortController().signal
  const emit = opts.onEvent ?? (() => undefined)
  const scope = opts.scope ?? 'default'
  const backend = opts.backend ?? 'unknown'
  const topo = buildTopology(doc)
  const byId = topo.nodes
  if (opts.to !== undefined && !byId.has(opts.to)) throw new Error(`No node with id "${opts.to}".`)
  for (const f of opts.force ?? []) if (!byId.has(f)) throw new Error(`No node with id "${f}".`)

  const targets = opts.to !== undefined ? withAncestors(topo, [opts.to]) : new Set(topo.ids)
  const forced = withDescendants(topo, opts.force ?? [])
  const { order } = topologicalOrder(topo)
  const placed = new Set(order)
  const queue = [...order, ...topo.ids.filter((id) => !placed.has(id))].filter((id) => targets.has(id))
  const problems = nodeProblems(validateGraph(doc, registry, topo), doc)

  // Null prototype: a node may be called `__proto__`, and its report must still be an own member.
  const reports: Record<string, NodeReport> = Object.create(null)
  for (const n of doc.nodes) reports[n.id] = { type: n.type, status: 'skipped' }
  emit({ type: 'run-start', backend, nodes: queue })
  for (const id of queue) emit({ type: 'queued', nodeId: id })

  // Files are read and hashed first: their content hashes are part of the cache keys.
  const files = new Map<string, Record<string, ResolvedFile>>()
  const fileHashes: FileHashes = new Map()
  for (const id of queue) {
    if (problems.has(id)) continue
    const node = byId.get(id)!
    const def = registry.get(node.type)!
    if (!def.fileParams?.length) continue
    try {
      const resolved = await readNodeFiles(def, node.params, opts.files)
      files.set(id, resolved)
      fileHashes.set(id, fileHashesOf(resolved))
    } catch (e) {
      problems.set(id, [(e as Error).message])
    }
  }

  // Volatile nodes get a key from their output's content once they have run.
  const overrides = new Map<string, string>()
  let keys: Map<string, NodeKey> = computeKeys(doc, registry, fileHashes, topo)
  const keyOf = (id: string) => keys.get(id)

  const outputs = new Map<string, Promise<Values>>()
  const settled = new Map<string, 'ok' | 'failed' | 'cancelled'>()

  const execute = async (node: GraphNode, def: RegisteredNode, key: NodeKey, reason: string): Promise<Values> => {
    const inputs: Values = {}
    for (const [port, edge] of topo.inputs.get(node.id)!) {
      inputs[port] = (await materialize(edge.from.node))[edge.from.port]
    }
    if (signal.aborted) throw new Cancelled()
    emit({ type: 'running', nodeId: node.id, reason })
    const params = key.recipe.params as Record<string, never>
    const seed = typeof params.seed === 'number' ? params.seed : seedFromHex(key.key)
    const ctx: NodeContext = {
      signal,
      progress: (fraction, message, data) => emit({ type: 'progress', nodeId: node.id, fraction, message, data }),
      random: seededRandom(seed),
      log: {
        info: (m) => emit({ type: 'progress', nodeId: node.id, fraction: NaN, message: m }),
        warn: (m) => emit({ type: 'progress', nodeId: node.id, fraction: NaN, message: `warning: ${m}` }),
      },
      files: files.get(node.id) ?? {},
      backend,
    }
    const t0 = performance.now()
    const result = await def.run(inputs, params, ctx)
    if (signal.aborted) throw new Cancelled()
    for (const port of Object.keys(def.outputs)) {
      if (!(port in result)) throw new Error(`Node type ${def.type} did not produce its "${port}" output.`)
    }
    const ms = performance.now() - t0
    const summary: Summary = def.summarize?.(result, params) ?? summarizeOutputs(result)
    let storeKey = key.key
    if (def.volatile) {
      storeKey = hashString(`${key.key}:${(await encodeValue(result)).checksum}`)
      overrides.set(node.id, storeKey)
      keys = computeKeys(doc, registry, fileHashes, topo, overrides)
    }
    await cache.put(storeKey, result, { summary, ms })
    await cache.putRecord(scope, node.id, { key: storeKey, recipe: key.recipe })
    reports[node.id] = { type: node.type, status: 'ran', reason, ms, summary }
    emit({ type: 'done', nodeId: node.id, ms, summary, reason })
    return result
  }

  /** A node's outputs: from this run, from the cache, or recomputed when the entry is unreadable. */
  const materialize = (id: string): Promise<Values> => {
    let p = outputs.get(id)
    if (!p) {
      const node = byId.get(id)!
      const key = keyOf(id)!
      p = cache.get(key.key).then((hit) => {
        if (hit.status === 'hit') return hit.value as Values
        return execute(node, registry.get(node.type)!, key, explainMiss(key.recipe, undefined, hit.status === 'corrupt'))
      })
      outputs.set(id, p)
    }
    return p
  }

  const processNode = async (id: string): Promise<'ok' | 'failed' | 'cancelled'> => {
    const node = byId.get(id)!
    const def = registry.get(node.type)
    const problem = problems.get(id)
    const key = keyOf(id)
    if (problem || !def || !key) {
      const message = problem?.join(' ') ?? `Node "${id}" cannot run.`
      reports[id] = { type: node.type, status: 'error', error: message }
      emit({ type: 'error', nodeId: id, message })
      return 'failed'
    }
    try {
      if (signal.aborted) throw new Cancelled()
      let reason: string
      if (forced.has(id)) reason = 'forced'
      else if (def.volatile) reason = 'volatile'
      else {
        const info = await cache.info(key.key)
        if (info) {
          reports[id] = { type: node.type, status: 'cached', ms: info.ms, summary: info.summary }
          emit({ type: 'cached', nodeId: id, summary: info.summary, ms: info.ms })
          await cache.putRecord(scope, id, { key: key.key, recipe: key.recipe })
          return 'ok'
        }
        reason = explainMiss(key.recipe, (await cache.getRecord(scope, id))?.recipe)
      }
      const p = execute(node, def, key, reason)
      outputs.set(id, p)
      await p
      return 'ok'
    } catch (e) {
      if (e instanceof Cancelled || signal.aborted) {
        reports[id] = { type: node.type, status: 'cancelled' }
        emit({ type: 'cancelled', nodeId: id })
        return 'cancelled'
      }
      const message = e instanceof Error ? e.message : String(e)
      reports[id] = { type: node.type, status: 'error', error: message }
      emit({ type: 'error', nodeId: id, message })
      return 'failed'
    }
  }

  const pending = [...queue]
  const active = new Set<Promise<void>>()
  const limit = Math.max(1, opts.concurrency ?? 4)
  while (pending.length || active.size) {
    let startedAny = false
    for (let i = 0; i < pending.length && active.size < limit; i++) {
      const id = pending[i]
      const parents = topo.parents.get(id)!
      const failed = parents.find((p) => settled.get(p) === 'failed' || settled.get(p) === 'cancelled')
      const ready = parents.every((p) => settled.has(p))
      if (!failed && !ready && !signal.aborted) continue
      pending.splice(i--, 1)
      startedAny = true
      if (signal.aborted || (failed && settled.get(failed) === 'cancelled')) {
        reports[id] = { type: byId.get(id)!.type, status: 'cancelled' }
        emit({ type: 'cancelled', nodeId: id })
        settled.set(id, 'cancelled')
      } else if (failed) {
        reports[id] = { type: byId.get(id)!.type, status: 'blocked', error: `blocked by ${failed}` }
        emit({ type: 'blocked', nodeId: id, by: failed })
        settled.set(id, 'failed')
      } else {
        const task: Promise<void> = processNode(id).then((s) => {
          settled.set(id, s)
          active.delete(task)
        })
        active.add(task)
      }
    }
    if (active.size) await Promise.race(active)
    else if (!startedAny && pending.length) {
      // What is left waits on a cycle: validation has reported it on the cycle's nodes.
      for (const id of pending.splice(0)) {
        const message = problems.get(id)?.join(' ') ?? 'Waits on a cycle upstream.'
        reports[id] = { type: byId.get(id)!.type, status: 'error', error: message }
        emit({ type: 'error', nodeId: id, message })
        settled.set(id, 'failed')
      }
    }
  }

  const all = Object.values(reports)
  const report: RunReport = {
    backend,
    nodes: reports,
    ran: all.filter((r) => r.status === 'ran').length,
    cached: all.filter((r) => r.status === 'cached').length,
    ms: performance.now() - started,
  }
  emit({ type: 'run-end', report })
  return report
}
