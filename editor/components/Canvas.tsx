import { useCallback } from 'react'
import { Background, ReactFlow, type Connection, type EdgeChange, type NodeChange } from '@xyflow/react'
import { openGroup } from '../engine/group-actions'
import type { FlowEdge, FlowNode } from '../lib/flow-types'
import { useCanvasDrop } from '../hooks/useCanvasDrop'
import { useConnectionChecks } from '../hooks/useConnectionChecks'
import { useFitOnRequest } from '../hooks/useFitOnRequest'
import { useEditor, useGraph } from '../store'
import { selectEdges, selectIsEmpty, selectNodes } from '../store/selectors'
import { ConnectionHint } from './ConnectionHint'
import { CanvasControls } from './CanvasControls'
import { GroupBreadcrumb } from './GroupBreadcrumb'
import { GroupNode } from './GroupNode'
import { PipelineNode } from './PipelineNode'
import { LARGE_GRAPH } from '../layout/layout-graph'

const nodeTypes = { pipeline: PipelineNode, pipelineGroup: GroupNode }

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
  useFitOnRequest()
  const { isValidConnection, onConnectEnd } = useConnectionChecks()
  const onDrop = useCanvasDrop()

  // A drag is one undo step (the store records where it started).
  const onNodesChange = useCallback((c: NodeChange<FlowNode>[]) => ed.graph.getState().onNodesChange(c), [ed])
  const onEdgesChange = useCallback((c: EdgeChange<FlowEdge>[]) => ed.graph.getState().onEdgesChange(c), [ed])
  const onConnect = useCallback((c: Connection) => ed.graph.getState().connect(c), [ed])
  const onDragStart = useCallback(() => ed.graph.getState().beginGesture(), [ed])
  const onDragStop = useCallback(() => ed.graph.getState().endGesture(), [ed])

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
    </div>
  )
}
