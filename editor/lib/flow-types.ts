import type { Edge, Node } from '@xyflow/react'
import type { GraphGroup } from '../../runtime/document/schema'
import type { ParamMeta } from '../../runtime/values/params'
import type { NodeDescriptor } from '../../runtime/worker/engine-api'

/** What a canvas node carries: the document node minus its id and position. */
export interface NodeData extends Record<string, unknown> {
  nodeType: string
  params: Record<string, unknown>
  label?: string
  /** A group's inner graph (nodes of type `group` only). */
  group?: GraphGroup
}

/** `pipelineGroup` draws a group (its ports, an Open button); `pipeline` every other node. */
export type FlowNode = Node<NodeData, 'pipeline' | 'pipelineGroup'>
export type FlowEdge = Edge

/** Node descriptors by type id, as `engine.describe()` returned them. */
export type DescriptorMap = ReadonlyMap<string, NodeDescriptor>

/** One param's JSON Schema, with the UI hints `p` builders attach (`ParamMeta`, runtime/values/params.ts). */
export interface ParamSchema extends Omit<ParamMeta, 'ui'> {
  type?: string | string[]
  default?: unknown
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  maxLength?: number
  enum?: unknown[]
  items?: ParamSchema
  ui?: string
  [k: string]: unknown
}

/** The params object schema of a descriptor. */
export function paramSchemas(desc: NodeDescriptor | undefined): Record<string, ParamSchema> {
  const schema = desc?.params as { properties?: Record<string, ParamSchema> } | undefined
  return schema?.properties ?? {}
}

/** Defaults of every param, as a new node starts with them. */
export function defaultParams(desc: NodeDescriptor): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(paramSchemas(desc))
      .filter(([, s]) => s.default !== undefined)
      .map(([k, s]) => [k, structuredClone(s.default)]),
  )
}
