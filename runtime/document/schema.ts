import { z } from 'zod'

/** The `format` tag of every graph document this project writes. */
export const GRAPH_FORMAT = 'mlcanvas/graph'
export const CURRENT_VERSION = 1

const id = z.string().min(1).max(200)
const endpoint = z.object({ node: id, port: z.string().min(1).max(200) }).strict()

export const nodeSchema = z
  .object({
    id,
    type: z.string().min(1).max(200),
    /** The node type's version when saved; absent in documents saved before versions were written (read as current). */
    version: z.number().int().min(1).max(1_000_000).optional(),
    params: z.record(z.string(), z.unknown()).default({}),
    position: z.object({ x: z.number(), y: z.number() }).strict().optional(),
    label: z.string().max(200).optional(),
  })
  .strict()

export const edgeSchema = z.object({ id, from: endpoint, to: endpoint }).strict()

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
export type GraphNode = z.output<typeof nodeSchema>
export type GraphEdge = z.output<typeof edgeSchema>

/** An empty document, the start of "New". */
export function emptyDocument(title = 'Untitled pipeline'): GraphDocument {
  return { format: GRAPH_FORMAT, version: CURRENT_VERSION, nodes: [], edges: [], meta: { title } }
}
