import { loadDocument } from '../../runtime/document/load'
import type { GraphDocument } from '../../runtime/document/schema'
import { Registry } from '../../runtime/registry'
import type { DiagnosticCode } from '../../runtime/validate/diagnostics'
import { lacksPositions } from '../lib/doc-convert'
import { layoutGraph } from '../layout/elk-layout'
import { graphStore, runStore, uiStore } from '../store'
import { engine } from './engine'
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

/**
 * Checks a document from a file, link, paste or example; on success it replaces the graph,
 * otherwise it lists the problems and leaves the current graph untouched.
 */
export async function openDocument(input: string | unknown, source: string, selected: string[] = []): Promise<boolean> {
  const fail = (items: { path: string; message: string }[]) => {
    uiStore.getState().showProblems({ title: `Could not open ${source}`, items })
    return false
  }
  // Whatever a hostile or broken document does, the caller goes on (the editor must still autosave).
  try {
    const shape = loadDocument(input, shapeOnly)
    if (!shape.ok) return fail(shape.diagnostics)
    const { diagnostics } = await engine().validate(shape.doc)
    const fatal = diagnostics.filter((d) => d.severity === 'error' && FATAL.has(d.code))
    if (fatal.length) return fail(fatal)
    await applyDocument(shape.doc, selected)
    return true
  } catch (e) {
    return fail([{ path: '', message: `It could not be read: ${(e as Error).message}` }])
  }
}

/** Puts a checked document on the canvas, lays it out if needed, and restores cached results. */
export async function applyDocument(doc: GraphDocument, selected: string[] = []): Promise<void> {
  runStore.getState().reset()
  graphStore.getState().load(doc, selected)
  if (lacksPositions(doc)) {
    const { nodes, edges } = graphStore.getState()
    graphStore.getState().setPositions(await layoutGraph(nodes, edges, uiStore.getState().descriptors))
  }
  graphStore.temporal.getState().clear()
  uiStore.getState().requestFit()
  await refreshNow()
  const found = await engine().peek(doc)
  runStore.getState().restore(found, runStore.getState().keys)
}
