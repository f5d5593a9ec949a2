import { memo } from 'react'
import type { NodeProps } from '@xyflow/react'
import { paramSchemas, type FlowNode } from '../lib/flow-types'
import { nodeTitle } from '../lib/node-title'
import { nodePorts, type NodePorts as PortTypes } from '../lib/port-view'
import type { NodeDescriptor } from '../../runtime/worker/engine-api'
import { useGraph, useRun, useUi } from '../store'
import { selectFedFromOutside } from '../store/selectors'
import { displayState } from '../store/run-store'
import { NodeCardNotes } from './NodeCardNotes'
import { NodePorts } from './NodePort'
import { StatusBadge } from './StatusBadge'

/** Inputs left to wire; inside an open group, an input fed through the group's port is connected. */
function useMissingInputs(id: string, ports: PortTypes): string[] {
  const fed = useGraph(selectFedFromOutside).split('\n')
  return ports.missing.filter((p) => !fed.includes(`${id}.${p}`))
}

/** The files the node's file params name that this browser does not hold. */
function useNeededFiles(desc: NodeDescriptor | undefined, params: Record<string, unknown>): string[] {
  const files = useUi((s) => s.files)
  return Object.entries(paramSchemas(desc))
    .filter(([, s]) => s.ui === 'file')
    .map(([name]) => params[name])
    .filter((v): v is string => typeof v === 'string' && v !== '' && !files.includes(v))
}

/** A node whose type this editor lacks: its wires stay visible, one handle per port the graph wires to it. */
function UnknownNodeCard({ id, title, type, ports, selected }: { id: string; title: string; type: string; ports: PortTypes; selected: boolean }) {
  const untyped = (name: string) => ({ name, types: [] })
  return (
    <div className={`pnode unknown ${selected ? 'selected' : ''}`}>
      <div className="pnode-head">
        <span className="pnode-title">{title}</span>
      </div>
      <NodePorts nodeId={id} inputs={ports.wiredIn.map(untyped)} outputs={ports.wiredOut.map(untyped)} />
      <div className="pnode-error">Unknown node type “{type}”. Delete it or replace it.</div>
    </div>
  )
}

/** One component for every node type, drawn from its descriptor and run state. */
export const PipelineNode = memo(function PipelineNode({ id, data, selected }: NodeProps<FlowNode>) {
  const desc = useUi((s) => s.descriptors.get(data.nodeType))
  const problems = useUi((s) => s.diagnostics.get(id))
  const run = useRun((s) => s.runs.get(id))
  const key = useRun((s) => s.keys.get(id))
  const descriptors = useUi((s) => s.descriptors)
  // Port types and missing inputs depend on the whole level's wiring: computed once per change
  // of wiring or params and shared by every card (a drag or pan reuses them), not per card.
  const ports = useGraph((s) => nodePorts(s.nodes, s.edges, descriptors, id))
  const state = displayState(run, key)
  const missing = useMissingInputs(id, ports)
  const needFiles = useNeededFiles(desc, data.params)
  const title = nodeTitle(data.label, data.nodeType, descriptors)
  if (!desc) return <UnknownNodeCard id={id} title={title} type={data.nodeType} ports={ports} selected={!!selected} />
  const inputs = Object.entries(desc.inputs).map(([name, p]) => ({ name, types: p.types, label: p.label }))
  const outputs = Object.entries(desc.outputs).map(([name, p]) => ({ name, types: ports.outputs.get(name) ?? p.types, label: p.label }))
  return (
    <div className={`pnode state-${state} cat-${desc.category} ${selected ? 'selected' : ''}`} data-node-id={id}>
      <div className="pnode-head">
        <span className={`cat-dot cat-${desc.category}`} aria-hidden />
        <span className="pnode-title">{title}</span>
        <StatusBadge state={state} run={run} />
      </div>
      <NodePorts nodeId={id} inputs={inputs} outputs={outputs} />
      <NodeCardNotes state={state} run={run} problems={problems} missing={missing} needFiles={needFiles} />
    </div>
  )
})
