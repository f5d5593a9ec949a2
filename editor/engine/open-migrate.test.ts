import { describe, expect, it } from 'vitest'
import { loadDocument, saveDocument } from '../../runtime/document/load'
import { paramsUnchanged } from '../../runtime/node-api/define-node'
import { Registry } from '../../runtime/registry'
import { scaleNode, testRegistry } from '../../tests/support/test-nodes'
import { currentDoc } from '../store/selectors'
import { headlessEditor } from '../testing/headless-editor'
import { openDocument } from './open-document'

const registry = new Registry([...testRegistry().list(), scaleNode])
const saved = { format: 'mlcanvas/graph', version: 1, nodes: [{ id: 's', type: 'test.scale', version: 1, params: { k: 3 } }], edges: [] }

describe('opening a document saved by older node versions', () => {
  it('puts the migrated params on the canvas, says so, and saves what the CLI loads', async () => {
    const ed = headlessEditor(registry)
    expect(await openDocument(ed, saved, 'old.json')).toBe(true)
    expect(ed.graph.getState().nodes.map((n) => n.data.params)).toEqual([{ factor: 3 }])
    expect(ed.ui.getState().toasts.map((t) => t.text)).toEqual([
      'Node "s" (test.scale) was saved with version 1; its params were updated to version 2.',
    ])
    const written = saveDocument(currentDoc(ed), ed.ui.getState().descriptors)
    const cli = loadDocument(saved, registry)
    if (!cli.ok) throw new Error('the CLI path refused the document')
    expect(JSON.parse(written).nodes[0]).toMatchObject({ id: 's', type: 'test.scale', version: 2, params: cli.doc.nodes[0].params })
  })

  it('refuses a document whose migration fails, leaving the canvas as it was', async () => {
    const ed = headlessEditor(registry)
    const before = ed.graph.getState().nodes
    expect(await openDocument(ed, { ...saved, nodes: [{ ...saved.nodes[0], params: {} }] }, 'broken.json')).toBe(false)
    expect(ed.graph.getState().nodes).toBe(before)
    expect(ed.ui.getState().problems?.items.map((i) => i.message).join()).toMatch(/version 1 always saved a number k/)
  })
})

describe('node versions in the registry', () => {
  it('refuses a type past version 1 without migrate, and takes paramsUnchanged', () => {
    const bumped = { ...scaleNode, version: 3, migrate: undefined }
    expect(() => new Registry([bumped])).toThrow(
      'Node type "test.scale" is at version 3 but declares no migrate(params, fromVersion): graphs saved by an older version would load with their old params. Declare one (migrate: paramsUnchanged when only results changed).',
    )
    expect(new Registry([{ ...bumped, migrate: paramsUnchanged }]).get('test.scale')?.version).toBe(3)
  })
})
