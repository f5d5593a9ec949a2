import { memo, useMemo } from 'react'
import type { NodeProps } from '@xyflow/react'
import type { GraphNode, GroupPort } from '../../runtime/document/schema'
import { openGroup, revealInner } from '../engine/group-actions'
import { groupStatus, innerRunNodes, statusCounts, type GroupStatus } from '../lib/group-status'
import { groupInputTypes, outputTypes } from '../lib/connections'
import type { FlowNode } from '../lib/flow-types'
import { failureText } from '../lib/node-failure'
import { nodeTitle } from '../lib/node-title'
import { useEditor, useGraph, useRun, useUi } from '../store'
import { selectEdges } from '../store/selectors'
import { NodePorts } from './NodePort'
import { StatusBadge } from './StatusBadge'

/** What a port is called on the card: its label, else `<inner node>.<port>` with the inner node's label or title. */
function portText(p: GroupPort, titles: ReadonlyMap<string, string>): string {
  return p.label ?? `${titles.get(p.node) ?? p.node}.${p.port}`
}

const sameStatus = (a: GroupStatus, b: GroupStatus) => JSON.stringify(a) === JSON.stringify(b)

/** The inner nodes' run states on the card: counts, progress while running, the first failure with a way to it. */
function GroupRunStatus({ id, status, inner }: { id: string; status: GroupStatus; inner: readonly GraphNode[] }) {
  const ed = useEditor()
  const descriptors = useUi((s) => s.descriptors)
  const counts = statusCounts(status)
  const failed = status.failed
  const node = failed && inner.find((n) => n.id === failed.id)
  const title = node ? nodeTitle(node.label, node.type, descriptors) : ''
  const problems = useUi((s) => (failed ? s.diagnostics.get(failed.id) : undefined))
  return (
    <>
      {status.progress !== undefined && (
        <div className="pnode-progress" role="progressbar" aria-valuenow={Math.round(status.progress * 100)}>
          <div style={{ width: `${Math.round(status.progress * 100)}%` }} />
        </div>
      )}
      {counts && <div className="pnode-note group-counts">{counts}</div>}
      {failed && (
        <>
          <div className="pnode-error">
            {title} failed: {failureText(failed.error, problems)}
          </div>
          <div className="pnode-note">
            <button type="button" className="link nodrag" onClick={() => revealInner(ed, id, failed.id)}>
              Show {title} in the group
            </button>
          </div>
        </>
      )}
    </>
  )
}

/** A group on the canvas: one card with the inner graph's open ports; double-click or Open shows its inside. */
export const GroupNode = memo(function GroupNode({ id, data, selected }: NodeProps<FlowNode>) {
  const ed = useEditor()
  const edges = useGraph(selectEdges)
  const descriptors = useUi((s) => s.descriptors)
  const group = data.group ?? { nodes: [], edges: [], inputs: [], outputs: [] }
  const titles = new Map(group.nodes.map((n) => [n.id, nodeTitle(n.label, n.type, descriptors)]))
  const g = { nodes: ed.graph.getState().nodes, edges, descriptors }
  const inputs = group.inputs.filter((p, i) => group.inputs.findIndex((q) => q.name === p.name) === i)
  const title = data.label ?? 'Group'
  const inner = useMemo(() => innerRunNodes(group), [group])
  const ids = useMemo(() => inner.map((n) => n.id), [inner])
  const status = useRun((s) => groupStatus(ids, s.runs, s.keys), sameStatus)
  return (
    <div className={`pnode group-node ${selected ? 'selected' : ''}`} data-node-id={id}>
      <div className="pnode-head">
        <span className="pnode-title">{title}</span>
        <StatusBadge state={status.state} run={status.progress === undefined ? undefined : { phase: 'running', progress: status.progress }} />
        <button className="group-open nodrag" onClick={() => openGroup(ed, id)} aria-label={`Open group ${title}`}>
          Open
        </button>
      </div>
      <div className="pnode-note">{group.nodes.length} nodes inside</div>
      <GroupRunStatus id={id} status={status} inner={inner} />
      <NodePorts
        nodeId={id}
        showTypes={false}
        inputs={inputs.map((p) => ({ name: p.name, label: portText(p, titles), types: groupInputTypes(g, id, p.name) }))}
        outputs={group.outputs.map((p) => ({ name: p.name, label: portText(p, titles), types: outputTypes(g, id, p.name) }))}
      />
    </div>
  )
})
