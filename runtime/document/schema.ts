import { z } from 'zod'

/** The `format` tag of every graph document this project writes. */
export const GRAPH_FORMAT = 'mlcanvas/graph'
/** Version 2 added groups (a node of type `group` holding a sub-graph); version 1 documents load unchanged. */
export const CURRENT_VERSION = 2

/** The node type of a group: a sub-graph shown as one node. Not dotted, so no registered type can take it. */
export const GROUP_TYPE = 'group'

const id = z.string().min(1).max(200)
const endpoint = z.object({ node: id, port: z.string().min(1).max(200) }).strict()

export const nodeSchema: z.ZodType<GraphNode, GraphNodeInput> = z
  .object({
    id,
    type: z.string().min(1).max(200),
    /** The node type's version when saved; absent in documents saved before versions were written (read as current). */
    version: z.number().int().min(1).max(1_000_000).optional(),
    params: z.record(z.string(), z.unknown()).default({}),
    position: z.object({ x: z.number(), y: z.number() }).strict().optional(),
    label: z.string().max(200).optional(),
    /** Present exactly on nodes of type `group`: the sub-graph and which of its ports the group shows. */
    get group() {
      return groupSchema.optional()
    },
  })
  .strict()

export const edgeSchema = z.object({ id, from: endpoint, to: endpoint }).strict()

/**
 * One port a group shows: `name` is what outer edges use as the group's port; it stands for port
 * `port` of inner node `node`. Several inputs may share a name (one wire feeds them all).
 */
export const groupPortSchema = z
  .object({ name: z.string().min(1).max(200), node: id, port: z.string().min(1).max(200), label: z.string().max(200).optional() })
  .strict()

export const groupSchema = z
  .object({
    nodes: z.array(nodeSchema),
    edges: z.array(edgeSchema).default([]),
    inputs: z.array(groupPortSchema).default([]),
    outputs: z.array(groupPortSchema).default([]),
  })
  .strict()

export const documentSchema = z
  .object({
    format: z.literal(GRAPH_FORMAT),
    version: z.literal(CURRENT_VERSION),
    nodes: z.array(nodeSchema),
    edges: z.array(edgeSchema).default([]),
    meta: z
      .object({ title: z.string().max(500).optional(), description: z.string().max(10_000).optional() })
      .catchall(z.unknown())
      .default({}),
  })
  .strict()

export type GraphDocument = z.output<typeof documentSchema>
export type GraphEdge = z.output<typeof edgeSchema>
export type GroupPort = z.output<typeof groupPortSchema>

// Written out (not inferred) because a group nests nodes: an inferred recursive type is circular.
export interface GraphNode {
  id: string
  type: string
  version?: number
  params: Record<string, unknown>
  position?: { x: number; y: number }
  label?: string
  group?: GraphGroup
}
export interface GraphGroup {
  nodes: GraphNode[]
  edges: GraphEdge[]
  inputs: GroupPort[]
  outputs: GroupPort[]
}
type GraphNodeInput = Omit<GraphNode, 'params' | 'group'> & {
  params?: Record<string, unknown>
  group?: { nodes: GraphNodeInput[]; edges?: GraphEdge[]; inputs?: GroupPort[]; outputs?: GroupPort[] }
}

/** An empty document, the start of "New". */
export function emptyDocument(title = 'Untitled pipeline'): GraphDocument {
  return { format: GRAPH_FORMAT, version: CURRENT_VERSION, nodes: [], edges: [], meta: { title } }
}
