import { Handle, Position } from '@xyflow/react'
import { portColor } from '../lib/connections'

/** One port of a card: its handle (coloured by the types it carries), name and types. */
export interface PortView {
  name: string
  types: readonly string[]
  label?: string
}

function NodePort({ nodeId, name, types, side, label, showTypes }: PortView & { nodeId: string; side: 'in' | 'out'; showTypes: boolean }) {
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
      {showTypes && <span className="port-type">{types.join('|')}</span>}
    </div>
  )
}

/** A card's inputs on the left and outputs on the right; a group card names its ports without their types (showTypes false). */
export function NodePorts({
  nodeId,
  inputs,
  outputs,
  showTypes = true,
}: {
  nodeId: string
  inputs: readonly PortView[]
  outputs: readonly PortView[]
  showTypes?: boolean
}) {
  return (
    <div className="pnode-ports">
      <div className="ports-in">
        {inputs.map((p) => (
          <NodePort key={p.name} nodeId={nodeId} side="in" showTypes={showTypes} {...p} />
        ))}
      </div>
      <div className="ports-out">
        {outputs.map((p) => (
          <NodePort key={p.name} nodeId={nodeId} side="out" showTypes={showTypes} {...p} />
        ))}
      </div>
    </div>
  )
}
