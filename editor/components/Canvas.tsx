import { useCallback, useEffect, useRef, type DragEvent } from 'react'
import {
  Background,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type IsValidConnection,
} from '@xyflow/react'
import { addFileNode, addNode, openFile } from '../engine/commands'
import { openGroup } from '../engine/group-actions'
import { wireProblem, type Wire } from '../lib/connections'
import type { FlowEdge, FlowNode } from '../lib/flow-types'
import { useEditor, useGraph, useRun, useUi, type Editor } from '../store'
import { selectEdges, selectIsEmpty, selectNodes } from '../store/selectors'
import type { RunState } from '../store/run-store'
import { ConnectionHint } from './ConnectionHint'
import { CanvasControls } from './CanvasControls'
import { GroupBreadcrumb } from './GroupBreadcrumb'
import { GroupNode } from './GroupNode'
import { PipelineNode } from './PipelineNode'
import { LARGE_GRAPH } from '../layout/layout-graph'
import { NODE_DRAG_TYPE } from './Palette'

const nodeTypes = { pipeline: PipelineNode, pipelineGroup: GroupNode }

const view = (ed: Editor) => ({ ...ed.graph.getState(), descriptors: ed.ui.getState().descriptors })
const selectHasNodes = (s: { nodes: FlowNode[] }) => s.nodes.length > 0
const selectAnythingRan = (s: RunState) => s.running || s.interrupted || s.runs.size > 0
const selectFitSeq = (s: { fitSeq: number }) => s.fitSeq
/** Every node has a size: measured, or planned for a large graph's nodes out of view (node-size.ts). */
const selectAllMeasured = (s: { nodes: FlowNode[] }) => s.nodes.every((n) => !!(n.measured?.width ?? n.initialWidth))

/** The wire a finished connection gesture describes, whichever end the user started from. */
function wireOf(state: FinalConnectionState): Wire | undefined {
  if (!state.fromHandle || !state.toHandle) return undefined
  const [from, to] = state.fromHandle.type === 'source' ? [state.fromHandle, state.toHandle] : [state.toHandle, state.fromHandle]
  return { source: from.nodeId, sourceHandle: from.id, target: to.nodeId, targetHandle: to.id }
}

/** Node text is at least 11 px, so at this zoom or more every word on the canvas reads at ≥ 11 px. */
export const READABLE_ZOOM = 1
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

/** Until something has run, says where to start. */
function RunHint() {
  const hasNodes = useGraph(selectHasNodes)
  const ran = useRun(selectAnythingRan)
  if (!hasNodes || ran) return null
  return (
    <div className="run-hint" role="note">
      Press <strong>▶ Run all</strong> (<kbd>Ctrl</kbd>+<kbd>Enter</kbd>) to run this pipeline; then click any node to see its results.
    </div>
  )
}

function EmptyHint() {
  const empty = useGraph(selectIsEmpty)
  if (!empty) return null
  return (
    <div className="canvas-empty">
      Drag nodes here from the palette, drop a data file (<code>.csv</code>, <code>.xlsx</code>, <code>.parquet</code>, <code>.jsonl</code>, <code>.sqlite</code>) or a graph <code>.json</code>, or open an example.
    </div>
  )
}

/** The React Flow canvas bound to the graph store. */
export function Canvas() {
  const ed = useEditor()
  const nodes = useGraph(selectNodes)
  const edges = useGraph(selectEdges)
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

  const isValidConnection: IsValidConnection<FlowEdge> = useCallback((c) => !wireProblem(view(ed), c as Connection), [ed])

  const onConnectEnd = useCallback((_: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    const wire = wireOf(state)
    const problem = wire && wireProblem(view(ed), wire)
    if (problem) ed.ui.getState().toast(`Not connected: ${problem}`, 'error')
  }, [ed])

  // A drag is one undo step (the store records where it started).
  const onNodesChange = useCallback((c: NodeChange<FlowNode>[]) => ed.graph.getState().onNodesChange(c), [ed])
  const onEdgesChange = useCallback((c: EdgeChange<FlowEdge>[]) => ed.graph.getState().onEdgesChange(c), [ed])
  const onConnect = useCallback((c: Connection) => ed.graph.getState().connect(c), [ed])
  const onDragStart = useCallback(() => ed.graph.getState().beginGesture(), [ed])
  const onDragStop = useCallback(() => ed.graph.getState().endGesture(), [ed])

  const onDrop = useCallback(
    (e: DragEvent) => {
      e.preventDefault()
      const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY })
      const type = e.dataTransfer.getData(NODE_DRAG_TYPE)
      if (type) {
        addNode(ed, type, { x: at.x - 100, y: at.y - 30 })
        return
      }
      const file = e.dataTransfer.files[0]
      if (!file) return
      if (/\.json$/i.test(file.name)) void openFile(ed, file)
      else void addFileNode(ed, file, at)
    },
    [flow, ed],
  )

  return (
    <div className="canvas" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        // A large graph draws only the nodes and wires in view: a drag or a pan then costs what
        // is on screen. Smaller graphs keep every node in the page (find-in-page, screen readers).
        onlyRenderVisibleElements={nodes.length >= LARGE_GRAPH}
        isValidConnection={isValidConnection}
        onConnectEnd={onConnectEnd}
        onNodeDoubleClick={(_, node) => openGroup(ed, node.id)}
        onNodeDragStart={onDragStart}
        onNodeDragStop={onDragStop}
        onSelectionDragStart={onDragStart}
        onSelectionDragStop={onDragStop}
        // Delete is ours (engine/shortcuts.ts): nodes and their wires go in one undo step.
        deleteKeyCode={null}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        selectionKeyCode="Shift"
        colorMode="system"
        minZoom={0.2}
        maxZoom={2}
        defaultEdgeOptions={{ type: 'smoothstep' }}
        fitView
      >
        <Background gap={20} size={1} />
        <CanvasControls />
        <ConnectionHint />
      </ReactFlow>
      <GroupBreadcrumb />
      <EmptyHint />
      <RunHint />
    </div>
  )
}
