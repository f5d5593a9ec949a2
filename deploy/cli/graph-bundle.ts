import { dirname, resolve } from 'node:path'
import { createRegistry } from '../../nodes'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import { DirStore } from '../../runtime/cache/dir-store'
import { NodeCache } from '../../runtime/cache/node-cache'
import { nodeFileProvider } from '../../runtime/cli/node-files'
import { defaultCacheDir } from '../../runtime/cli/open-cache'
import type { PortType } from '../../runtime/node-api/ports'
import type { TrainedModel } from '../../runtime/values/ml'
import { isAgent } from '../../ml/rl/agent'
import { agentModel } from '../../ml/rl/agent-family'
import { buildBundle, type BundleFiles } from '../bundle/build'
import { bundleFiles, isBundleValue } from '../bundle/value'
import { CommandError, loadGraphFile } from './load-graph'
import { nodeOutputs } from './node-outputs'

export interface GraphBundleOptions {
  graph: string
  node: string
  cacheDir?: string
  /** Progress lines (to stderr): which nodes run, which come from the cache. */
  log?: (line: string) => void
}

/**
 * The bundle of an Export node (or of any node with a trained-model output) in a graph file:
 * taken from the cache when the graph ran before, computing only what is missing.
 */
export async function bundleFromGraph(opts: GraphBundleOptions): Promise<{ name: string; files: BundleFiles }> {
  const registry = createRegistry()
  const { path, doc } = await loadGraphFile(opts.graph, registry, opts.node)
  const type = doc.nodes.find((n) => n.id === opts.node)!.type
  const outputs = Object.entries(registry.get(type)?.outputs ?? {})
  const wanted: PortType[] = ['bundle', 'model', 'agent']
  const port = wanted.map((t) => outputs.find(([, p]) => p.types.includes(t))).find((p) => p !== undefined)
  if (!port) throw new CommandError(`Node "${opts.node}" (${type}) has no model, agent or bundle output; give an Export, Train, Q-learning or DQN node.`)
  const backend = await setupNodeBackend()
  const cacheDir = opts.cacheDir ? resolve(opts.cacheDir) : await defaultCacheDir()
  const values = await nodeOutputs({
    doc,
    registry,
    cache: new NodeCache({ store: new DirStore(cacheDir) }),
    scope: path,
    to: opts.node,
    backend,
    files: nodeFileProvider(dirname(path)),
    onEvent: (e) => {
      if (e.type === 'done') opts.log?.(`ran ${e.nodeId} (${Math.round(e.ms)} ms)`)
      else if (e.type === 'cached') opts.log?.(`cached ${e.nodeId}`)
    },
  })
  const value = values[port[0]]
  if (isBundleValue(value)) return { name: value.name, files: bundleFiles(value) }
  const model = isAgent(value) ? agentModel(value) : (value as TrainedModel)
  return { name: opts.node, files: await buildBundle(model, { name: opts.node }) }
}
