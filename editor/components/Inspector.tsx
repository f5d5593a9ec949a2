import { useState } from 'react'
import { useNodeTitle } from '../hooks/useNodeTitle'
import { useUpstreamColumns } from '../hooks/useUpstreamColumns'
import { paramSchemas, type FlowNode, type ParamSchema } from '../lib/flow-types'
import { formatMs } from '../lib/format'
import { failedOnParams, failedRemotely } from '../lib/node-failure'
import type { NodeProblem } from '../lib/param-problems'
import { useEditor, useGraph, useRun, useUi } from '../store'
import { displayState } from '../store/run-store'
import { selectFocused, selectSelectedCount } from '../store/selectors'
import { ApplyBest } from './ApplyBest'
import { ParamsForm } from './ParamsForm'
import { RunHereInstead } from './RemoteQueueField'
import { StatusBadge } from './StatusBadge'
import { TaskSwitch } from './TaskSwitch'

/** A node's description, folded to a few lines so the form stays in view. */
function Description({ text }: { text: string }) {
  const [open, setOpen] = useState(false)
  const long = text.length > 220
  return (
    <div className="description">
      <p className={long && !open ? 'folded' : ''}>{text}</p>
      {long && (
        <button type="button" className="link" onClick={() => setOpen(!open)}>
          {open ? 'Less' : 'More'}
        </button>
      )}
    </div>
  )
}

/**
 * What a loader said when it ran: how it read the file's numbers (notes: decimal commas, amounts, percentages)
 * and the cells it could not read (warnings), in full: the card has room for the first warning's start.
 */
function Messages({ summary }: { summary: Record<string, unknown> | undefined }) {
  const list = (key: string) => (Array.isArray(summary?.[key]) ? (summary[key] as unknown[]).map(String) : [])
  const [notes, warnings] = [list('notes'), list('warnings')]
  return (
    <>
      <MessageList items={notes} className="node-notes" label="How the data was read" />
      <MessageList items={warnings} className="node-warnings" label="Warnings" />
    </>
  )
}

function MessageList({ items, className, label }: { items: string[]; className: string; label: string }) {
  if (!items.length) return null
  return (
    <ul className={className} aria-label={label}>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  )
}

function RunInfo({ nodeId }: { nodeId: string }) {
  const run = useRun((s) => s.runs.get(nodeId))
  const key = useRun((s) => s.keys.get(nodeId))
  const state = displayState(run, key)
  const problems = useUi((s) => s.diagnostics.get(nodeId))
  const blockedBy = useNodeTitle(state === 'blocked' ? run?.blockedBy : undefined)
  return (
    <section className="run-info" aria-label="Run status">
      <div>
        <StatusBadge state={state} run={run} />
        {run?.ms !== undefined && (state === 'done' || state === 'cached') && (
          <span className="muted"> computed in {formatMs(run.ms)}</span>
        )}
      </div>
      {state === 'stale' && <p className="muted">An edit changed this node or its inputs; run again to update.</p>}
      {run?.reason && (state === 'done' || state === 'running') && (
        <p>
          <span className="muted">Why it ran:</span> {run.reason}
        </p>
      )}
      {state === 'done' && run?.worker !== undefined && (
        <p>
          <span className="muted">Ran on:</span> pool worker {run.worker}
        </p>
      )}
      {state === 'done' && run?.remote !== undefined && (
        <p>
          <span className="muted">Ran on:</span> {run.remote ? `queue worker ${run.remote}` : 'the queue (found in its shared cache)'}
        </p>
      )}
      {state === 'cached' && <p className="muted">Nothing it depends on changed, so the result came from the cache.</p>}
      {(state === 'done' || state === 'cached') && <Messages summary={run?.summary} />}
      {state === 'error' && run?.error && !failedOnParams(problems) && <pre className="error-text">{run.error}</pre>}
      {state === 'error' && failedRemotely(run?.error) && <RunHereInstead />}
      {state === 'error' && failedOnParams(problems) && <p>It cannot run with these settings: see Problems below.</p>}
      {state === 'blocked' && <p>Blocked because node “{blockedBy}” failed.</p>}
    </section>
  )
}

/** Removes a setting the node does not have, or puts a bad one back to its default (one undo step). */
function FixParam({ param, known, title, onFix }: { param: string; known: boolean; title: string | undefined; onFix(): void }) {
  return (
    <button type="button" className="fix" onClick={onFix}>
      {known ? `Reset ${title ?? param} to default` : `Remove “${param}”`}
    </button>
  )
}

/** The node's problems in words, each bad param with its fix. */
function NodeProblems({ node, problems, schemas }: { node: FlowNode; problems: readonly NodeProblem[]; schemas: Record<string, ParamSchema> }) {
  const g = useEditor().graph.getState()
  return (
    <ul className="node-problems" aria-label="Problems">
      {problems.map((p, i) => (
        <li key={i}>
          {p.message}
          {p.param !== undefined && <FixParam param={p.param} known={Object.hasOwn(schemas, p.param)} title={schemas[p.param]?.title} onFix={() => g.resetParam(node.id, p.param!)} />}
        </li>
      ))}
    </ul>
  )
}

/** The node's label (its type's title as placeholder), id and type. */
function InspectorHeader({ node, typeTitle, count }: { node: FlowNode; typeTitle: string | undefined; count: number }) {
  const g = useEditor().graph.getState()
  return (
    <header>
      <input className="node-label" aria-label="Node label" value={node.data.label ?? ''} placeholder={typeTitle ?? node.data.nodeType} onChange={(e) => g.setLabel(node.id, e.target.value)} />
      <code className="muted">
        {node.id} · {node.data.nodeType}
      </code>
      {count > 1 && <p className="muted">{count} nodes selected; showing the first.</p>}
    </header>
  )
}

/** The selected node: label, description, status, and the params form built from its schema. */
export function Inspector() {
  const node = useGraph(selectFocused)
  const count = useGraph(selectSelectedCount)
  const desc = useUi((s) => (node ? s.descriptors.get(node.data.nodeType) : undefined))
  const problems = useUi((s) => (node ? s.diagnostics.get(node.id) : undefined))
  const columns = useUpstreamColumns(node?.id)
  if (!node) {
    return (
      <aside className="inspector" aria-label="Inspector">
        <p className="muted">Select a node to see its settings and results.</p>
      </aside>
    )
  }
  const schemas = paramSchemas(desc)
  return (
    <aside className="inspector" aria-label="Inspector">
      <InspectorHeader node={node} typeTitle={desc?.title} count={count} />
      {desc && <Description text={desc.description} />}
      <RunInfo nodeId={node.id} />
      {node.data.nodeType === 'select.search' && <ApplyBest nodeId={node.id} />}
      {Object.hasOwn(schemas, 'types') && <TaskSwitch node={node} columns={columns} />}
      {problems && problems.length > 0 && <NodeProblems node={node} problems={problems} schemas={schemas} />}
      <ParamsForm node={node} schemas={schemas} columns={columns} />
    </aside>
  )
}
