import type { XYPosition } from '@xyflow/react'
import { emptyDocument, GROUP_TYPE, groupSchema } from '../../runtime/document/schema'
import { saveDocument } from '../../runtime/document/load'
import { defaultParams, paramSchemas, type FlowEdge, type FlowNode } from '../lib/flow-types'
import { nodeRefParams } from '../lib/copy-ids'
import { encodeShareFragment } from '../lib/share-link'
import { layoutGraph } from '../layout/layout-graph'
import type { Editor } from '../store/editor'
import { currentDoc } from '../store/selectors'
import { namesFile, uploadFile } from './files'
import { applyDocument, openDocument } from './open-document'

const CLIPBOARD_FORMAT = 'mlcanvas/clipboard'

/** An empty graph; the one it replaces stays in Recent graphs, and Undo brings it back. */
export function newGraph(ed: Editor): Promise<void> {
  return applyDocument(ed, emptyDocument())
}

/** Opens a graph JSON file chosen or dropped by the user. */
export async function openFile(ed: Editor, file: File): Promise<boolean> {
  return openDocument(ed, await file.text(), `"${file.name}"`)
}

/** Hands `data` to the browser as a file download. */
export function download(name: string, data: string | Blob, type: string) {
  const url = URL.createObjectURL(typeof data === 'string' ? new Blob([data], { type }) : data)
  const a = Object.assign(document.createElement('a'), { href: url, download: name })
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

export const fileSlug = (title: string | undefined) =>
  (title ?? 'pipeline').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'pipeline'

/** Downloads the graph as JSON, the same text the CLI reads. */
export function saveFile(ed: Editor): void {
  const doc = currentDoc(ed)
  download(`${fileSlug(doc.meta.title)}.json`, saveDocument(doc, ed.ui.getState().descriptors), 'application/json')
}

/**
 * A link that opens this graph (without its uploaded files), shown in a dialog and copied to
 * the clipboard. The address bar is left alone: a reload must keep showing the edited graph.
 */
export async function shareLink(ed: Editor): Promise<string> {
  const url = location.origin + location.pathname + location.search + encodeShareFragment(saveDocument(currentDoc(ed), ed.ui.getState().descriptors))
  ed.ui.setState({ shareUrl: url, dialog: 'share' })
  await navigator.clipboard?.writeText(url).catch(() => undefined)
  return url
}

/** Adds a node of `nodeType` with its default params; centred in view when no position is given. */
export function addNode(ed: Editor, nodeType: string, position: XYPosition): string | undefined {
  const desc = ed.ui.getState().descriptors.get(nodeType)
  if (!desc) return undefined
  return ed.graph.getState().addNode(nodeType, defaultParams(desc), position)
}

/** The data node type that reads files named like `name` (by its file param's accepted endings), if any. */
export function readerFor(ed: Editor, name: string): string | undefined {
  const lower = name.toLowerCase()
  for (const [type, desc] of ed.ui.getState().descriptors) {
    if (desc.category !== 'data') continue
    if (Object.values(paramSchemas(desc)).some((s) => s.ui === 'file' && s.accept?.some((end) => lower.endsWith(end)))) return type
  }
  return undefined
}

/**
 * Adds a data node reading `file` (CSV, Excel, Parquet, JSON Lines, SQLite: the node whose file
 * param accepts its name), after uploading it to the engine's file store.
 */
export async function addFileNode(ed: Editor, file: File, position: XYPosition): Promise<void> {
  // A graph that already names this file (an example, a shared link) just gets it provided.
  const wanted = ed.graph
    .getState()
    .nodes.flatMap((n) => fileParamNames(ed, n.data.nodeType).map((p) => n.data.params[p]))
    .find((v) => namesFile(v, file.name))
  if (wanted) {
    await uploadFile(ed, file, wanted)
    ed.ui.getState().toast(`Provided "${wanted}".`)
    return
  }
  const type = readerFor(ed, file.name)
  if (!type) {
    ed.ui.getState().toast(`No data node reads "${file.name}"; drop a .csv, .tsv, .xlsx, .parquet, .jsonl, .sqlite or a graph .json.`, 'error')
    return
  }
  await uploadFile(ed, file)
  const id = addNode(ed, type, position)
  if (!id) return
  const fileParam = fileParamNames(ed, type)[0]
  if (fileParam) ed.graph.getState().setParam(id, fileParam, file.name)
  ed.ui.getState().toast(`${ed.ui.getState().descriptors.get(type)?.title ?? type} node added, reading "${file.name}".`)
}

function fileParamNames(ed: Editor, nodeType: string): string[] {
  return Object.entries(paramSchemas(ed.ui.getState().descriptors.get(nodeType)))
    .filter(([, s]) => s.ui === 'file')
    .map(([name]) => name)
}

/** The selected nodes and the wires among them, as clipboard JSON (pastes into any tab). */
export function copySelection(ed: Editor): string | undefined {
  const { nodes, edges } = ed.graph.getState()
  const chosen = nodes.filter((n) => n.selected)
  if (!chosen.length) return undefined
  const ids = new Set(chosen.map((n) => n.id))
  return JSON.stringify({
    format: CLIPBOARD_FORMAT,
    nodes: chosen.map(({ id, position, data }) => ({ id, position, data })),
    edges: edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map(({ id, source, sourceHandle, target, targetHandle }) => ({ id, source, sourceHandle, target, targetHandle })),
  })
}

function isFlowNode(n: unknown): n is FlowNode {
  const v = n as FlowNode
  return (
    !!v && typeof v.id === 'string' && typeof v.position?.x === 'number' && typeof v.position?.y === 'number' &&
    typeof v.data?.nodeType === 'string' && typeof v.data?.params === 'object' && v.data.params !== null &&
    (v.data.label === undefined || typeof v.data.label === 'string')
  )
}

/** A copied node of a known type, or a group whose inner graph passes the document schema (clipboard text is untrusted). */
function pastable(n: FlowNode, known: boolean): FlowNode[] {
  if (n.data.nodeType !== GROUP_TYPE) return known && n.data.group === undefined ? [n] : []
  const group = groupSchema.safeParse(n.data.group)
  return group.success ? [{ ...n, data: { ...n.data, group: group.data } }] : []
}

const isWire = (e: unknown): e is FlowEdge =>
  !!e && ['id', 'source', 'target', 'sourceHandle', 'targetHandle'].every((k) => typeof (e as Record<string, unknown>)[k] === 'string')

/**
 * Pastes clipboard text: copied nodes are added beside the originals (never on top of a node);
 * a whole graph document is opened (with the usual checks). Returns false for text that is neither.
 */
export async function pasteText(ed: Editor, text: string): Promise<boolean> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return false
  }
  const v = value as { format?: unknown; nodes?: unknown[]; edges?: unknown[] }
  if (v?.format === CLIPBOARD_FORMAT && Array.isArray(v.nodes)) {
    const known = ed.ui.getState().descriptors
    const nodes = v.nodes.filter(isFlowNode).flatMap((n) => pastable(n, known.has(n.data.nodeType)))
    const edges = (Array.isArray(v.edges) ? v.edges : []).filter(isWire)
    ed.graph.getState().insert(nodes, edges, nodeRefParams(known))
    return true
  }
  if (v?.format !== undefined) return openDocument(ed, value, 'the pasted graph')
  return false
}

export function duplicateSelection(ed: Editor): void {
  const text = copySelection(ed)
  if (text) void pasteText(ed, text)
}

/** Lays the graph out left to right (ELK, or the layered layout for a large graph). */
export async function autoLayout(ed: Editor): Promise<void> {
  const { nodes, edges } = ed.graph.getState()
  ed.graph.getState().setPositions(await layoutGraph(nodes, edges, ed.ui.getState().descriptors))
  ed.ui.getState().requestFit()
}
