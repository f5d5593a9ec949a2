import { loadDocument, type LoadResult } from '../../runtime/document/load'
import type { GraphDocument } from '../../runtime/document/schema'
import { Registry } from '../../runtime/registry'
import type { DiagnosticCode } from '../../runtime/validate/diagnostics'
import { docToFlow, lacksPositions } from '../lib/doc-convert'
import type { DescriptorMap } from '../lib/flow-types'
import { LARGE_GRAPH, layeredPlaces, layoutGraph } from '../layout/layout-graph'
import { cardsOverlap } from '../layout/overlap'
import { newGraphId, type Editor } from '../store/editor'
import { claimGraph } from './tab-graph'
import { refreshNow } from './sync'

/** A registry with no nodes: enough for the shape checks loadDocument does on the main thread. */
const shapeOnly = new Registry([])

/** Problems that make a document unusable; the others (unknown type, missing input) are editable. */
const FATAL: ReadonlySet<DiagnosticCode> = new Set([
  'invalid-json',
  'wrong-format',
  'newer-version',
  'schema',
  'duplicate-node-id',
  'duplicate-edge-id',
  'dangling-edge',
  'unknown-port',
  'incompatible-ports',
  'input-taken',
  'cycle',
])

/** How an opened document replaces the graph. */
export interface OpenOptions {
  selected?: string[]
  /**
   * 'restore': the tab's own saved graph comes back after a reload (fresh undo history).
   * 'new' (default): a file, example, paste or link becomes a new saved graph of this tab (the
   * one it replaces stays in Recent graphs) and the replacement is one undo step.
   */
  as?: 'restore' | 'new'
}

/** What the worker says of a document: `ok` with the migrated document, or the problems. */
export type CheckedDocument = LoadResult

/**
 * Starts checking a document where the node types are (the worker), through the CLI's own
 * loadDocument, which also migrates it. Text (a link, a file) goes there as it is and is checked
 * once, there; a value is checked here first, so only a document in shape crosses to the worker.
 */
export async function checkDocument(ed: Editor, input: string | unknown): Promise<CheckedDocument> {
  if (typeof input === 'string') return ed.engine().open(input)
  const shape = loadDocument(input, shapeOnly)
  return shape.ok ? ed.engine().open(shape.doc) : shape
}

/**
 * Checks a document from a file, link, paste or example; on success it replaces the graph,
 * otherwise it lists the problems and leaves the current graph untouched.
 */
export function openDocument(ed: Editor, input: string | unknown, source: string, opts: OpenOptions = {}): Promise<boolean> {
  return openChecked(ed, checkDocument(ed, input), source, opts)
}

/** openDocument for a check already under way (a share link is sent to the worker while the catalogue loads). */
export async function openChecked(ed: Editor, checking: Promise<CheckedDocument>, source: string, opts: OpenOptions = {}): Promise<boolean> {
  const fail = (items: { path: string; message: string }[]) => {
    ed.ui.getState().showProblems({ title: `Could not open ${source}`, items })
    return false
  }
  // Whatever a hostile or broken document does, the caller goes on (the editor must still autosave).
  try {
    const checked = await checking
    const fatal = checked.diagnostics.filter((d) => (d.severity === 'error' && FATAL.has(d.code)) || d.code === 'migration-failed')
    if (fatal.length || !checked.ok) return fail(fatal.length ? fatal : checked.diagnostics)
    await applyDocument(ed, checked.doc, opts)
    const updated = checked.diagnostics.filter((d) => d.code === 'node-migrated')
    if (updated.length) ed.ui.getState().toast(updated.map((d) => d.message).join(' '))
    return true
  } catch (e) {
    return fail([{ path: '', message: `It could not be read: ${(e as Error).message}` }])
  }
}

/** Puts a checked document on the canvas, laid out if needed, and restores cached results. */
export async function applyDocument(ed: Editor, doc: GraphDocument, opts: OpenOptions = {}): Promise<void> {
  if (opts.as !== 'restore') {
    ed.graphId = newGraphId()
    claimGraph(ed.graphId)
  }
  const descriptors = ed.ui.getState().descriptors
  // Placed by the layered layout (milliseconds) before it reaches the canvas, so it is drawn at once and
  // no frame shows its cards piled at the origin. A large graph keeps those places; ELK (loaded on first
  // use) places a small one after.
  const large = doc.nodes.length >= LARGE_GRAPH
  const place = needsPlaces(doc, descriptors, opts)
  const placed = place ? laidOut(doc, descriptors) : doc
  ed.run.getState().reset()
  ed.graph.getState().load(placed, { selected: opts.selected, keepHistory: opts.as !== 'restore', descriptors })
  // Cards can be edited from here on, while the layout, keys and cache lookups below are awaited.
  ed.sync.drawn = ed.graph.getState()
  if (!large && place) await layOut(ed)
  ed.ui.getState().requestFit()
  // The text refreshNow sent: the same nodes, params and wires as `doc` (positions aside), stringified once.
  const found = await ed.engine().peek(await refreshNow(ed))
  ed.run.getState().restore(found, ed.run.getState().keys)
}

/**
 * Whether an opened document is laid out: it has no positions, or (a file, link, example or paste;
 * not this tab's own graph coming back) its positions make cards cover each other. A document
 * whose cards all lie apart keeps its positions exactly.
 */
function needsPlaces(doc: GraphDocument, descriptors: DescriptorMap, opts: OpenOptions): boolean {
  if (lacksPositions(doc)) return true
  if (opts.as === 'restore') return false
  const { nodes, edges } = docToFlow(doc)
  return cardsOverlap(nodes, edges, descriptors)
}

/** Places a freshly loaded graph, as part of the load's undo step (not one of its own). */
async function layOut(ed: Editor): Promise<void> {
  const { nodes, edges } = ed.graph.getState()
  const at = await layoutGraph(nodes, edges, ed.ui.getState().descriptors)
  const history = ed.graph.temporal.getState()
  const unedited = ed.sync.drawn === ed.graph.getState()
  history.pause()
  ed.graph.getState().setPositions(at)
  history.resume()
  // The layout is part of the open, not an edit (unless the user already edited: then it is saved with the edit).
  if (unedited) ed.sync.drawn = ed.graph.getState()
}

/** The document with every node placed by the layered layout, before it reaches the canvas (part of the load's undo step). */
function laidOut(doc: GraphDocument, descriptors: DescriptorMap): GraphDocument {
  const { nodes, edges } = docToFlow(doc)
  const at = layeredPlaces(nodes, edges, descriptors)
  return { ...doc, nodes: doc.nodes.map((n) => ({ ...n, position: at.get(n.id) ?? { x: 0, y: 0 } })) }
}
