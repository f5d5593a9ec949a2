import { useEffect, useRef } from 'react'
import { useReactFlow } from '@xyflow/react'
import type { FlowEdge, FlowNode } from '../lib/flow-types'
import { useEditor, useGraph, useUi } from '../store'

const selectFitSeq = (s: { fitSeq: number }) => s.fitSeq
/** Every node has a size: measured, or planned for a large graph's nodes out of view (node-size.ts). */
const selectAllMeasured = (s: { nodes: FlowNode[] }) => s.nodes.every((n) => !!(n.measured?.width ?? n.initialWidth))

/** Node text is at least 11 px, so at this zoom or more every word on the canvas reads at ≥ 11 px. */
const READABLE_ZOOM = 1
/** Fits keep clear of the zoom buttons (bottom left); the mini map starts folded (CanvasControls). */
const FIT_PADDING = { top: '24px', left: '56px', right: '24px', bottom: '24px' } as const
const FIT_MARGIN = { x: 56 + 24, y: 48 }

/**
 * Frames the graph at a readable zoom: the whole graph when it fits at ≥ READABLE_ZOOM,
 * otherwise its start (the data on the left), vertically centred when it fits.
 */
function fitReadable(flow: ReturnType<typeof useReactFlow<FlowNode, FlowEdge>>, pane: DOMRect) {
  const b = flow.getNodesBounds(flow.getNodes())
  const fits = Math.min((pane.width - FIT_MARGIN.x) / b.width, (pane.height - FIT_MARGIN.y) / b.height)
  if (fits >= READABLE_ZOOM) return flow.fitView({ padding: FIT_PADDING, duration: 200, maxZoom: 1.2 })
  const zoom = READABLE_ZOOM
  const y = b.height * zoom <= pane.height - FIT_MARGIN.y ? (pane.height - b.height * zoom) / 2 - b.y * zoom : 24 - b.y * zoom
  return flow.setViewport({ x: 56 - b.x * zoom, y, zoom }, { duration: 200 })
}

/** Frames the graph each time the UI store asks for a fit (`requestFit`), once its nodes have a size. */
export function useFitOnRequest(): void {
  const ed = useEditor()
  const fitSeq = useUi(selectFitSeq)
  const flow = useReactFlow<FlowNode, FlowEdge>()
  // Our own nodes, not React Flow's internal flag: right after a load that flag still describes
  // the previous graph, and a fit then frames the wrong thing.
  const measured = useGraph(selectAllMeasured)
  const fitPending = useRef(false)

  useEffect(() => {
    if (fitSeq) fitPending.current = true
  }, [fitSeq])
  // Fit once the new nodes have been measured; fitting earlier frames only part of the graph.
  useEffect(() => {
    const empty = ed.graph.getState().nodes.length === 0
    if (!fitPending.current || (!measured && !empty)) return
    fitPending.current = false
    requestAnimationFrame(() => {
      // An empty graph has nothing to fit: go back to the plain view instead of keeping a zoom.
      const pane = document.querySelector('.react-flow')?.getBoundingClientRect()
      if (ed.graph.getState().nodes.length === 0 || !pane) void flow.setViewport({ x: 0, y: 0, zoom: 1 })
      else void fitReadable(flow, pane)
    })
  }, [fitSeq, measured, flow, ed])
}
