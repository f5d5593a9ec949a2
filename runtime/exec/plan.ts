import type { GraphDocument } from '../document/schema'
import { topologicalOrder, withAncestors, withDescendants } from '../graph/order'
import { nodeOf, type Topology } from '../graph/topology'
import type { FileHashes } from '../keys/cache-keys'
import type { ResolvedFile } from '../node-api/define-node'
import type { Registry } from '../registry'
import { validateGraph } from '../validate/validate'
import { fileHashesOf, readNodeFiles, type FileProvider } from './node-files'
import { nodeProblems } from './node-problems'

/** What a run will do, decided before anything runs. */
export interface RunPlan {
  /** The nodes to settle, in dependency order (nodes on a cycle last). */
  queue: string[]
  forced: Set<string>
  /** node id → why it cannot run (validation errors, unreadable files). */
  problems: Map<string, string[]>
  files: Map<string, Record<string, ResolvedFile>>
  fileHashes: FileHashes
}

/** Picks the nodes to run (all, or `to` and its ancestors) and finds the ones that cannot. */
export function planRun(
  doc: GraphDocument,
  registry: Registry,
  topo: Topology,
  opts: { to?: string; force?: readonly string[] },
): Omit<RunPlan, 'files' | 'fileHashes'> {
  for (const id of [...(opts.to === undefined ? [] : [opts.to]), ...(opts.force ?? [])]) {
    if (!topo.index.has(id)) throw new Error(`No node with id "${id}".`)
  }
  const targets = opts.to !== undefined ? withAncestors(topo, [opts.to]) : undefined
  const { order, leftover } = topologicalOrder(topo)
  const all = leftover.length ? [...order, ...leftover] : order
  const queue = targets ? all.filter((id) => targets.has(id)) : [...all]
  const problems = nodeProblems(validateGraph(doc, registry, topo), doc)
  return { queue, forced: withDescendants(topo, opts.force ?? []), problems }
}

/**
 * Reads and hashes the files of every queued node that can run (content hashes are part of
 * cache keys); a file that cannot be read becomes that node's problem.
 */
export async function readPlanFiles(
  plan: Omit<RunPlan, 'files' | 'fileHashes'>,
  topo: Topology,
  registry: Registry,
  provider: FileProvider | undefined,
): Promise<RunPlan> {
  const files = new Map<string, Record<string, ResolvedFile>>()
  const fileHashes: FileHashes = new Map()
  for (const id of plan.queue) {
    if (plan.problems.has(id)) continue
    const node = nodeOf(topo, id)!
    const def = registry.get(node.type)
    if (!def?.fileParams?.length) continue
    try {
      const resolved = await readNodeFiles(def, node.params, provider)
      files.set(id, resolved)
      fileHashes.set(id, fileHashesOf(resolved))
    } catch (e) {
      plan.problems.set(id, [(e as Error).message])
    }
  }
  return { ...plan, files, fileHashes }
}
