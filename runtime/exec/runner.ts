import type { GraphNode } from '../document/schema'
import type { NodeKey } from '../keys/cache-keys'
import type { NodeContext, RegisteredNode, ResolvedFile, Values } from '../node-api/define-node'
import { runNode, type NodeResult, type RunnerEnv } from './node-runner'

/** One node to run: everything a runner needs, with its inputs already materialized. */
export interface RunTask {
  node: GraphNode
  def: RegisteredNode
  key: NodeKey
  inputs: Values
  files?: Record<string, ResolvedFile>
  /** The node's `ctx.previous` (nodes declaring `continueOn`). */
  previous?: NodeContext['previous']
}

/**
 * Where a ready node runs. The scheduler decides when; a runner decides where: on this thread
 * (`inProcessRunner`), on a pool of worker threads (`runtime/exec/pool`), or elsewhere. A runner
 * resolves with the same outputs, summary and time as `runNode`, throws `Cancelled` when the run
 * is cancelled and the node's own error otherwise.
 */
export interface NodeRunner {
  run(task: RunTask, env: RunnerEnv): Promise<NodeResult>
  /** How many nodes it runs at once (absent: one); nested runs of a node may start that many together. */
  readonly capacity?: number
  /**
   * Whether it runs this node elsewhere from its key alone, reading inputs from and publishing
   * outputs to a shared cache: the executor then decodes no inputs for it, and its outputs only
   * when a node here needs them (`RunTask.inputs` is empty, and `run` may resolve without outputs).
   */
  elsewhere?(task: Omit<RunTask, 'inputs'>): boolean
}

export const inProcessRunner: NodeRunner = {
  run: (t, env) => runNode(t.node, t.def, t.key, t.inputs, env, t.files, t.previous),
}
