import { liveModel, liveScore } from '../../deploy/scorer/live'
import { bundleFiles, isBundleValue } from '../../deploy/bundle/value'
import { zipBundle } from '../../deploy/bundle/zip'
import { BridgeClient, type BridgeAddress } from '../bridge/bridge-client'
import { RemoteRunner } from '../bridge/remote-runner'
import type { NodeCache } from '../cache/node-cache'
import { loadDocument } from '../document/load'
import type { GraphDocument } from '../document/schema'
import type { RunEvent, RunReport } from '../exec/events'
import { runGraph, type FileProvider } from '../exec/executor'
import { inProcessRunner } from '../exec/runner'
import { namedFiles } from '../exec/node-files'
import { flattenGroups } from '../graph/groups'
import { computeKeys, type FileHashes } from '../keys/cache-keys'
import { describeNode, type Registry } from '../registry'
import { previewValue, type PreviewOptions } from '../values/preview'
import type { DocText, EngineApi, RunRequest } from './engine-api'
import type { WarmPool } from './pool-port'

export interface EngineHost {
  registry: Registry
  cache: NodeCache
  files: FileProvider & {
    put(name: string, bytes: ArrayBuffer): Promise<string>
    list(): ReturnType<EngineApi['listFiles']>
    /** Content hash of a stored file without reading its bytes; undefined when absent. */
    hashOf(name: string): Promise<string | undefined>
  }
  startBackend: EngineApi['init']
  /** A pool of `size` workers running `backend` (absent: nodes run in the engine's own thread only; see pool-port.ts warmPool). */
  pool?(size: number, backend: string): WarmPool
}

/** The most workers `setWorkers` takes: each one holds its own TensorFlow.js and node values. */
export const MAX_WORKERS = 16

/**
 * The engine behind the worker boundary, independent of how it is hosted (a browser worker,
 * or directly in tests). One run at a time: a new run cancels the one in flight.
 */
export class Engine implements EngineApi {
  private backend = 'unknown'
  private controller?: AbortController
  private current?: Promise<RunReport>
  private workers = 1
  private pool?: WarmPool
  private remote?: RemoteRunner

  constructor(private readonly host: EngineHost) {}

  async init(opts?: Parameters<EngineApi['init']>[0]) {
    const result = await this.host.startBackend(opts)
    this.backend = result.backend
    return result
  }

  async describe() {
    return this.host.registry.list().map(describeNode)
  }

  async validate(doc: unknown) {
    const loaded = loadDocument(doc, this.host.registry)
    return { ok: loaded.ok, diagnostics: loaded.diagnostics }
  }

  async open(doc: unknown) {
    return loadDocument(doc, this.host.registry)
  }

  /**
   * Content hashes of the files each node reads (a missing file has none). Keys are recomputed
   * on every edit, so this looks hashes up instead of reading the files' bytes.
   */
  private async fileHashes(doc: GraphDocument): Promise<FileHashes> {
    const hashes: FileHashes = new Map()
    for (const node of doc.nodes) {
      const def = this.host.registry.get(node.type)
      if (!def?.fileParams?.length) continue
      const entry: Record<string, string> = {}
      for (const [name, file] of namedFiles(def, node.params)) {
        const hash = await this.host.files.hashOf(file)
        if (hash) entry[name] = hash
      }
      hashes.set(node.id, entry)
    }
    return hashes
  }

  private async keyMap(grouped: GraphDocument) {
    const doc = flattenGroups(grouped)
    return computeKeys(doc, this.host.registry, await this.fileHashes(doc))
  }

  /**
   * Sent as JSON text (`DocText`), a 10 000-node document becomes objects here a quarter the size of a
   * structured clone's (3.7 vs 16 MB; measured in Node, whose v8.serialize is the same serializer): parsing
   * takes ≈ 40 ms where deserializing took ≈ 65, stringifying no longer than serializing (17–31 vs 23–35 ms),
   * and the plan of the parsed document 27–37 ms against 37–41.
   */
  async keys(doc: GraphDocument | DocText) {
    return Object.fromEntries([...(await this.keyMap(docOf(doc)))].map(([id, k]) => [id, k.key]))
  }

  async peek(doc: GraphDocument | DocText) {
    const out: Awaited<ReturnType<EngineApi['peek']>> = Object.create(null) // ids may be `__proto__`
    for (const [id, k] of await this.keyMap(docOf(doc))) {
      const info = await this.host.cache.info(k.key)
      out[id] = info ? { summary: info.summary, ms: info.ms } : undefined
    }
    return out
  }

  async run(req: RunRequest, onEvent: (e: RunEvent) => void): Promise<RunReport> {
    if (this.current) {
      this.controller?.abort()
      await this.current.catch(() => undefined)
    }
    const controller = new AbortController()
    this.controller = controller
    // Workers may have joined the queue since the last run; a bridge that is down fails its nodes with the reason.
    await this.remote?.refresh().catch(() => undefined)
    this.current = runGraph({
      doc: req.doc,
      registry: this.host.registry,
      cache: this.host.cache,
      scope: req.scope,
      to: req.to,
      force: req.force,
      signal: controller.signal,
      files: this.host.files,
      backend: this.backend,
      onEvent,
      runner: this.remote ?? this.pool?.runner,
      // Ready nodes beyond the pool's size wait for a slot in the pool, not in the scheduler.
      concurrency: Math.max(4, this.workers, this.remote?.capacity ?? 0),
    })
    try {
      return await this.current
    } finally {
      this.current = undefined
    }
  }

  async setWorkers(count: number) {
    if (!Number.isInteger(count) || count < 1 || count > MAX_WORKERS) {
      throw new Error(`Workers must be a whole number from 1 to ${MAX_WORKERS}, not ${count}.`)
    }
    if (count === this.workers) return { workers: count }
    if (count > 1 && !this.host.pool) throw new Error('This engine cannot start workers; it runs every node on its own thread.')
    if (this.backend === 'unknown') throw new Error('Start the engine (init) before setting its workers.')
    const old = this.pool
    // A run in flight keeps its workers until it ends; the next run uses the new pool.
    if (old) void (this.current ?? Promise.resolve()).catch(() => undefined).finally(() => old.close())
    this.workers = count
    this.pool = count > 1 ? this.host.pool!(count, this.backend) : undefined
    await this.pool?.ready
    return { workers: count }
  }

  async setRemote(address?: BridgeAddress) {
    if (!address?.url) {
      this.remote = undefined
      return {}
    }
    if (!/^https?:\/\/[^/]/.test(address.url)) throw new Error(`The remote queue is the bridge's http:// or https:// address, not "${address.url}".`)
    this.remote = new RemoteRunner(new BridgeClient(address), this.host.cache, () => this.pool?.runner ?? inProcessRunner)
    return this.remoteHealth()
  }

  async remoteHealth() {
    if (!this.remote) return {}
    try {
      return { workers: await this.remote.refresh() }
    } catch (e) {
      return { error: (e as Error).message }
    }
  }

  async cancel() {
    this.controller?.abort()
  }

  /** The cached outputs of `nodeId` under its key in `doc` as it is now; undefined when there are none. */
  private async cachedOutputs(doc: GraphDocument, nodeId: string): Promise<Record<string, unknown> | undefined> {
    const key = (await this.keyMap(doc)).get(nodeId)
    if (!key) return undefined
    const hit = await this.host.cache.get(key.key)
    return hit.status === 'hit' ? (hit.value as Record<string, unknown>) : undefined
  }

  async preview(doc: GraphDocument, nodeId: string, port: string, opts?: PreviewOptions) {
    const outputs = await this.cachedOutputs(doc, nodeId)
    return outputs && port in outputs ? previewValue(outputs[port], opts) : undefined
  }

  async liveScore(doc: GraphDocument, nodeId: string, port: string, instances?: unknown[]) {
    const outputs = await this.cachedOutputs(doc, nodeId)
    const model = outputs && Object.hasOwn(outputs, port) ? await liveModel(outputs[port]) : undefined
    return model ? liveScore(model, instances) : undefined
  }

  async bundleArchive(doc: GraphDocument, nodeId: string, port: string) {
    const outputs = await this.cachedOutputs(doc, nodeId)
    const value = outputs && Object.hasOwn(outputs, port) ? outputs[port] : undefined
    if (!isBundleValue(value)) return undefined
    return { name: value.name, zip: zipBundle(value.name, bundleFiles(value)) }
  }

  putFile(name: string, bytes: ArrayBuffer) {
    return this.host.files.put(name, bytes)
  }

  listFiles() {
    return this.host.files.list()
  }

  async cacheStats() {
    return this.host.cache.stats()
  }

  async clearCache() {
    await this.host.cache.clear()
  }
}

/** A document, or its JSON text parsed (own `__proto__` keys stay plain data in JSON.parse). */
const docOf = (doc: GraphDocument | DocText): GraphDocument => (typeof doc === 'string' ? (JSON.parse(doc) as GraphDocument) : doc)
