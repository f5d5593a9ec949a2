import { z } from 'zod'
import type { NodeDefinition, RegisteredNode } from './node-api/define-node'
import type { PortDef } from './node-api/ports'
import { withLazyProperty } from './node-api/params'
import { replayProblem } from './node-api/step-replays'

/** The set of node types the runtime, CLI and editor share. Built from one explicit list. */
export class Registry {
  private readonly byType = new Map<string, RegisteredNode>()

  constructor(defs: readonly NodeDefinition<any>[]) {
    for (const def of defs) {
      if (!/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/.test(def.type)) {
        throw new Error(`Node type id "${def.type}" must be dotted lowercase, like "data.csv".`)
      }
      if (this.byType.has(def.type)) throw new Error(`Node type "${def.type}" is registered twice.`)
      if (def.version > 1 && !def.migrate) {
        throw new Error(
          `Node type "${def.type}" is at version ${def.version} but declares no migrate(params, fromVersion): graphs saved by an older version ` +
            'would load with their old params. Declare one (migrate: paramsUnchanged when only results changed).',
        )
      }
      const replay = replayProblem(def)
      if (replay) throw new Error(replay)
      for (const [name, out] of Object.entries(def.outputs as Record<string, PortDef>)) {
        if (out.sameAs && !(out.sameAs in def.inputs)) {
          throw new Error(`Node type "${def.type}": output "${name}" follows unknown input "${out.sameAs}".`)
        }
      }
      this.byType.set(def.type, registered(def))
    }
  }

  get(type: string): RegisteredNode | undefined {
    return this.byType.get(type)
  }

  list(): RegisteredNode[] {
    return [...this.byType.values()]
  }

  /** Params with every default filled in; throws on invalid params (validate first). */
  resolveParams(type: string, params: unknown): Record<string, unknown> {
    const def = this.byType.get(type)
    if (!def) throw new Error(`Unknown node type "${type}".`)
    return def.paramsSchema.parse(params ?? {}) as Record<string, unknown>
  }

  /** Default params for a new node of this type. */
  defaults(type: string): Record<string, unknown> {
    return this.resolveParams(type, {})
  }
}

/**
 * A definition with its params object schema, compiled on first use: a process that loads one graph
 * (a CLI run) needs the schemas of that graph's node types only, not of all of them.
 */
function registered(def: NodeDefinition): RegisteredNode {
  // Descriptors, not a spread: params declared as a function stay unbuilt (defineNode).
  const node = Object.defineProperties({}, Object.getOwnPropertyDescriptors(def)) as NodeDefinition
  return withLazyProperty(node, 'paramsSchema', () => z.object(def.params).strict())
}

/** JSON description of a node type, as `pipeline nodes --json` prints and the editor reads. */
export function describeNode(def: RegisteredNode) {
  return {
    type: def.type,
    version: def.version,
    title: def.title,
    category: def.category,
    description: def.description,
    volatile: def.volatile ?? false,
    inputs: Object.fromEntries(
      Object.entries(def.inputs).map(([k, v]) => [k, { types: v.types, optional: v.optional ?? false, label: v.label }]),
    ),
    outputs: Object.fromEntries(
      Object.entries(def.outputs).map(([k, v]) => [k, { types: v.types, sameAs: v.sameAs, label: v.label }]),
    ),
    params: z.toJSONSchema(def.paramsSchema, { io: 'input', unrepresentable: 'any' }),
  }
}
