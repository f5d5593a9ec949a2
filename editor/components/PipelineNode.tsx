import { memo } from 'react'
import { Handle, Position, type NodeProps } from '@xyflow/react'
import { useNodeTitle } from '../hooks/useNodeTitle'
import { portColor } from '../lib/connections'
import { paramSchemas, type FlowNode } from '../lib/flow-types'
import { failureText } from '../lib/node-failure'
import { nodeTitle } from '../lib/node-title'
import { nodePorts } from '../lib/port-view'
import { summaryLines } from '../lib/format'
import { useGraph, useRun, useUi } from '../store'
import { selectFedFromOutside } from '../store/selectors'
import { displayState } from '../store/run-store'
import { Sparkline } from './Sparkline'
import { StatusBadge } from './StatusBadge'

function Port({ nodeId, name, types, side, label }: { nodeId: string; name: string; types: readonly string[]; side: 'in' | 'out'; label?: string }) {
  const text = label ?? name
  return (
    <div className={`port port-${side}`}>
      <Handle
        id={name}
        type={side === 'in' ? 'target' : 'source'}
        position={side === 'in' ? Position.Left : Position.Right}
        style={{ background: portColor(types) }}
        title={`${side === 'in' ? 'input' : 'output'} ${text}: ${types.join(' or ')}`}
        aria-label={`${nodeId} ${side === 'in' ? 'input' : 'output'} ${name}`}
      />
      <span className="port-name">{text}</span>
      <span className="port-type">{types.join('|')}</span>
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
  const blockedBy = useNodeTitle(state === 'blocked' ? run?.blockedBy : undefined)
  // Inside an open group, an input fed through the group's port is connected.
  const fed = useGraph(selectFedFromOutside).split('\n')
  const missing = ports.missing.filter((p) => !fed.includes(`${id}.${p}`))
  const files = useUi((s) => s.files)
  const needFiles = Object.entries(paramSchemas(desc))
    .filter(([, s]) => s.ui === 'file')
    .map(([name]) => data.params[name])
    .filter((v): v is string => typeof v === 'string' && v !== '' && !files.includes(v))

  if (!desc) {
    // Keep its wires visible: one handle per port the graph wires to it.
    const ins = ports.wiredIn
    const outs = ports.wiredOut
    return (
      <div className={`pnode unknown ${selected ? 'selected' : ''}`}>
        <div className="pnode-head">
          <span className="pnode-title">{nodeTitle(data.label, data.nodeType, descriptors)}</span>
        </div>
        <div className="pnode-ports">
          <div className="ports-in">
            {ins.map((p) => (
              <Port key={p} nodeId={id} name={p} types={[]} side="in" />
            ))}
          </div>
          <div className="ports-out">
            {outs.map((p) => (
              <Port key={p} nodeId={id} name={p} types={[]} side="out" />
            ))}
          </div>
        </div>
        <div className="pnode-error">Unknown node type “{data.nodeType}”. Delete it or replace it.</div>
      </div>
    )
  }
  const lines = summaryLines(run?.summary)
  const firstProblem = problems?.find((p) => p.severity === 'error' && p.code !== 'missing-input')
  const error = failureText(run?.error, problems)
  return (
    <div className={`pnode state-${state} cat-${desc.category} ${selected ? 'selected' : ''}`} data-node-id={id}>
      <div className="pnode-head">
        <span className={`cat-dot cat-${desc.category}`} aria-hidden />
        <span className="pnode-title">{nodeTitle(data.label, data.nodeType, descriptors)}</span>
        <StatusBadge state={state} run={run} />
      </div>
      <div className="pnode-ports">
        <div className="ports-in">
          {Object.entries(desc.inputs).map(([name, p]) => (
            <Port key={name} nodeId={id} name={name} types={p.types} side="in" label={p.label} />
          ))}
        </div>
        <div className="ports-out">
          {Object.entries(desc.outputs).map(([name, p]) => (
            <Port key={name} nodeId={id} name={name} types={ports.outputs.get(name) ?? p.types} side="out" label={p.label} />
          ))}
        </div>
      </div>
      {state === 'running' && (
        <div className="pnode-progress" role="progressbar" aria-valuenow={Math.round((run?.progress ?? 0) * 100)}>
          <div style={{ width: `${Math.round((run?.progress ?? 0) * 100)}%` }} />
        </div>
      )}
      {state === 'running' && run?.message && <div className="pnode-message">{run.message}</div>}
      {run?.curve && run.curve.length > 1 && <Sparkline points={run.curve} />}
      {lines.length > 0 && state !== 'error' && (
        <dl className="pnode-summary">
          {lines.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd title={v}>{v}</dd>
            </div>
          ))}
        </dl>
      )}
      {state === 'error' && error && <div className="pnode-error">{error}</div>}
      {state === 'blocked' && <div className="pnode-note">Blocked: upstream node “{blockedBy}” failed.</div>}
      {missing.length > 0 && <div className="pnode-note warn">Connect: {missing.join(', ')}</div>}
      {needFiles.map((f) => (
        <div key={f} className="pnode-note warn">
          Provide the file “{f}”: upload it in the inspector or drop it on the canvas.
        </div>
      ))}
      {firstProblem && state !== 'error' && <div className="pnode-error">{firstProblem.message}</div>}
    </div>
  )
})
