import { useCallback } from 'react'
import type { Connection, FinalConnectionState, IsValidConnection } from '@xyflow/react'
import { wireProblem, type Wire } from '../lib/connections'
import type { FlowEdge } from '../lib/flow-types'
import { useEditor, type Editor } from '../store'

const view = (ed: Editor) => ({ ...ed.graph.getState(), descriptors: ed.ui.getState().descriptors })

/** The wire a finished connection gesture describes, whichever end the user started from. */
function wireOf(state: FinalConnectionState): Wire | undefined {
  if (!state.fromHandle || !state.toHandle) return undefined
  const [from, to] = state.fromHandle.type === 'source' ? [state.fromHandle, state.toHandle] : [state.toHandle, state.fromHandle]
  return { source: from.nodeId, sourceHandle: from.id, target: to.nodeId, targetHandle: to.id }
}

/** Refuses a wire between incompatible ports while it is drawn, and says why when it is dropped there. */
export function useConnectionChecks() {
  const ed = useEditor()
  const isValidConnection: IsValidConnection<FlowEdge> = useCallback((c) => !wireProblem(view(ed), c as Connection), [ed])
  const onConnectEnd = useCallback(
    (_: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      const wire = wireOf(state)
      const problem = wire && wireProblem(view(ed), wire)
      if (problem) ed.ui.getState().toast(`Not connected: ${problem}`, 'error')
    },
    [ed],
  )
  return { isValidConnection, onConnectEnd }
}
