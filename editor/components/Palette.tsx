import { useMemo, useState } from 'react'
import { useReactFlow } from '@xyflow/react'
import type { NodeDescriptor } from '../../runtime/worker/engine-api'
import { addNode } from '../engine/commands'
import { useEditor, useUi } from '../store'

/** The drag payload type a palette item carries onto the canvas. */
export const NODE_DRAG_TYPE = 'application/x-mlcanvas-node'

function matches(d: NodeDescriptor, q: string): boolean {
  if (!q) return true
  const hay = `${d.title} ${d.type} ${d.category} ${d.description}`.toLowerCase()
  return q.toLowerCase().split(/\s+/).every((w) => hay.includes(w))
}

/** The nodes that match the search, by category in registry order. */
function byCategory(descriptors: Iterable<NodeDescriptor>, query: string): [string, NodeDescriptor[]][] {
  const out = new Map<string, NodeDescriptor[]>()
  for (const d of descriptors) {
    if (!matches(d, query)) continue
    out.set(d.category, [...(out.get(d.category) ?? []), d])
  }
  return [...out]
}

/** One node type: drag it onto the canvas, or double-click or press Enter to add it. */
function PaletteItem({ d, onAdd }: { d: NodeDescriptor; onAdd: (type: string) => void }) {
  return (
    <li
      role="button"
      tabIndex={0}
      draggable
      title={d.description}
      className="palette-item"
      data-type={d.type}
      onDragStart={(e) => {
        e.dataTransfer.setData(NODE_DRAG_TYPE, d.type)
        e.dataTransfer.effectAllowed = 'copy'
      }}
      onDoubleClick={() => onAdd(d.type)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onAdd(d.type)
      }}
    >
      <span className={`cat-dot cat-${d.category}`} aria-hidden />
      {d.title}
    </li>
  )
}

/** Every registered node, grouped by category and searchable; drag or double-click to add. */
export function Palette() {
  const ed = useEditor()
  const descriptors = useUi((s) => s.descriptors)
  const [query, setQuery] = useState('')
  const flow = useReactFlow()
  const groups = useMemo(() => byCategory(descriptors.values(), query), [descriptors, query])

  const addAtCentre = (type: string) => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect()
    const centre = pane
      ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
      : { x: 0, y: 0 }
    addNode(ed, type, { x: centre.x - 100 + Math.random() * 40, y: centre.y - 50 + Math.random() * 40 })
  }

  return (
    <aside className="palette" aria-label="Node palette">
      <input type="search" placeholder="Search nodes…" aria-label="Search nodes" value={query} onChange={(e) => setQuery(e.target.value)} />
      <div className="palette-list">
        {groups.length === 0 && <p className="muted">No node matches “{query}”.</p>}
        {groups.map(([category, list]) => (
          <section key={category} aria-label={category}>
            <h3 className={`cat cat-${category}`}>{category}</h3>
            <ul>
              {list.map((d) => (
                <PaletteItem key={d.type} d={d} onAdd={addAtCentre} />
              ))}
            </ul>
          </section>
        ))}
      </div>
    </aside>
  )
}
