import { useCallback, useEffect, useRef, type DragEvent } from 'react'
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type FinalConnectionState,
  type IsValidConnection,
} from '@xyflow/react'
import { addCsvNode, addNode, openFile } from '../engine/commands'
import { wireProblem, type Wire } from '../lib/connections'
import type { FlowEdge, FlowNode } from '../lib/flow-types'
import { graphStore, uiStore, useGraph, useUi } from '../store'
import { undoable, type UndoState } from '../store/graph-store'
import { ConnectionHint } from './ConnectionHint'
import { PipelineNode } from './PipelineNode'
import { NODE_DRAG_TYPE } from './Palette'

const nodeTypes = { pipeline: PipelineNode }

const view = () => ({ ...graphStore.getState(), descriptors: uiStore.getState().descriptors })

/** The wire a finished connection gesture describes, whichever end the user started from. */
function wireOf(state: FinalConnectionState): Wire | undefined {
  if (!state.fromHandle || !state.toHandle) return undefined
  const [from, to] = state.fromHandle.type === 'source' ? [state.fromHandle, state.toHandle] : [state.toHandle, state.fromHandle]
  return { source: from.nodeId, sourceHandle: from.id, target: to.nodeId, targetHandle: to.id }
}

function EmptyHint() {
  const empty = useGraph((s) => s.nodes.length === 0)
  if (!empty) return null
  return (
    <div className="canvas-empty">
      Drag nodes here from the palette, drop a <code>.csv</code> or graph <code>.json</code>, or open an example.
    </div>
  )
}

/** The React Flow canvas bound to the graph store. */
export function Canvas() {
  const nodes = useGraph((s) => s.nodes)
  const edges = useGraph((s) => s.edges)
  const fitSeq = useUi((s) => s.fitSeq)
  const flow = useReactFlow<FlowNode, FlowEdge>()
  const dragSnapshot = useRef<UndoState | undefined>(undefined)
  // Our own nodes, not React Flow's internal flag: right after a load that flag still describes
  // the previous graph, and a fit then frames the wrong thing.
  const measured = useGraph((s) => s.nodes.every((n) => !!n.measured?.width))
  const fitPending = useRef(false)

  useEffect(() => {
    if (fitSeq) fitPending.current = true
  }, [fitSeq])
  // Fit once the new nodes have been measured; fitting earlier frames only part of the graph.
  useEffect(() => {
    const empty = graphStore.getState().nodes.length === 0
    if (!fitPending.current || (!measured && !empty)) return
    fitPending.current = false
    requestAnimationFrame(() => {
      // An empty graph has nothing to fit: go back to the plain view instead of keeping a zoom.
      if (graphStore.getState().nodes.length === 0) void flow.setViewport({ x: 0, y: 0, zoom: 1 })
      else void flow.fitView({ padding: 0.1, duration: 200, maxZoom: 1.2 })
    })
  }, [fitSeq, measured, flow])

  const isValidConnection: IsValidConnection<FlowEdge> = useCallback((c) => !wireProblem(view(), c as Connection), [])

  const onConnectEnd = useCallback((_: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    const wire = wireOf(state)
    const problem = wire && wireProblem(view(), wire)
    if (problem) uiStore.getState().toast(`Not connected: ${problem}`, 'error')
  }, [])

  // A drag is one undo step: history pauses while positions stream in, then records the start.
  const onDragStart = useCallback(() => {
    dragSnapshot.current = undoable(graphStore.getState())
    graphStore.temporal.getState().pause()
  }, [])
  const onDragStop = useCallback(() => {
    const t = graphStore.temporal
    t.getState().resume()
    const before = dragSnapshot.current
    dragSnapshot.current = undefined
    if (before && JSON.stringify(before.nodes) !== JSON.stringify(undoable(graphStore.getState()).nodes)) {
      t.setState({ pastStates: [...t.getState().pastStates, before], futureStates: [] })
    }
  }, [])

  const onDrop = useCallback(
    (e: DragEvent) => {
      e.preventDefault()
      const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY })
      const type = e.dataTransfer.getData(NODE_DRAG_TYPE)
      if (type) {
        addNode(type, { x: at.x - 100, y: at.y - 30 })
        return
      }
      const file = e.dataTransfer.files[0]
      if (!file) return
      if (/\.json$/i.test(file.name)) void openFile(file)
      else if (/\.(csv|tsv|txt)$/i.test(file.name)) void addCsvNode(file, at)
      else uiStore.getState().toast(`Drop a graph .json or a .csv file (not "${file.name}").`, 'error')
    },
    [flow],
  )

  return (
    <div className="canvas" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={(c) => graphStore.getState().onNodesChange(c)}
        onEdgesChange={(c) => graphStore.getState().onEdgesChange(c)}
        onConnect={(c) => graphStore.getState().connect(c)}
        isValidConnection={isValidConnection}
        onConnectEnd={onConnectEnd}
        onNodeDragStart={onDragStart}
        onNodeDragStop={onDragStop}
        onSelectionDragStart={onDragStart}
        onSelectionDragStop={onDragStop}
        deleteKeyCode={['Delete', 'Backspace']}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        selectionKeyCode="Shift"
        colorMode="system"
        minZoom={0.2}
        maxZoom={2}
        defaultEdgeOptions={{ type: 'smoothstep' }}
        fitView
      >
        <Background gap={20} size={1} />
        <MiniMap pannable zoomable ariaLabel="Mini map" style={{ width: 128, height: 80 }} />
        <Controls />
        <ConnectionHint />
      </ReactFlow>
      <EmptyHint />
    </div>
  )
}
