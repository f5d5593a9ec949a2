import { runGraph } from '../engine/run-actions'
import type { ColumnInfo } from '../hooks/useUpstreamColumns'
import type { FlowNode } from '../lib/flow-types'
import { nodeTitle } from '../lib/node-title'
import { modelTitlesWithTask, modelsTrainedOn, oneTaskModelsTrainedOn, taskEdits, withColumnType, type Task } from '../lib/task-switch'
import { useEditor, useGraph, useRun, useUi } from '../store'
import { selectEdges, selectNodes } from '../store/selectors'

/** Why the target cannot be a number: it holds text (categorical without an override saying so). */
function textTarget(node: FlowNode, target: string, columns: ColumnInfo[] | undefined): boolean {
  const col = columns?.find((c) => c.name === target)
  const types = typeof node.data.params.types === 'string' ? node.data.params.types : ''
  return col?.type === 'categorical' && withColumnType(types, target, undefined) === types
}

/** "a", "a and b", "a, b and c" (`last` joins the last two). */
const listed = (names: string[], last: string) => (names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} ${last} ${names.at(-1)}`)

/**
 * Why no model can be switched to regression: the models here (`oneTask`) train for one task only, or
 * there is none yet; `withTask` are the model types that could.
 */
function noSwitchableModel(oneTask: string[], withTask: string[]): string {
  if (!oneTask.length) return 'No model with a Task setting trains on this data yet.'
  const which = withTask.length ? ` (${listed(withTask, 'or')})` : ''
  return `${listed(oneTask, 'and')} ${oneTask.length === 1 ? 'trains' : 'train'} for one task only. To predict numbers, use a model with a Task setting${which} or a regression model.`
}

/**
 * On a data node: what its target trains for ("classification · 3 classes" or "regression") and
 * one button to train for the other, which edits the data node's Column types and the models'
 * Task as one undo step, then runs the graph (each re-run node says why it ran).
 */
export function TaskSwitch({ node, columns }: { node: FlowNode; columns: ColumnInfo[] | undefined }) {
  const ed = useEditor()
  const summary = useRun((s) => s.runs.get(node.id)?.summary)
  const running = useRun((s) => s.running)
  const nodes = useGraph(selectNodes)
  const edges = useGraph(selectEdges)
  const descriptors = useUi((s) => s.descriptors)
  const target = summary?.target
  const inferred = summary?.task
  if (typeof target !== 'string' || typeof inferred !== 'string') return null
  const models = modelsTrainedOn(node.id, nodes, edges, descriptors)
  const set = new Set(models.map((m) => m.data.params.task))
  const forced = set.size === 1 && (set.has('regression') || set.has('classification')) ? ([...set][0] as Task) : undefined
  const now: Task = forced ?? (inferred.startsWith('classification') ? 'classification' : 'regression')
  const other: Task = now === 'classification' ? 'regression' : 'classification'
  const title = (m: FlowNode) => nodeTitle(m.data.label, m.data.nodeType, descriptors)
  const blocked =
    other === 'regression' && textTarget(node, target, columns)
      ? `“${target}” holds text, so it can only be a class label.`
      : other === 'regression' && models.length === 0
        ? noSwitchableModel([...new Set(oneTaskModelsTrainedOn(node.id, nodes, edges, descriptors).map(title))], modelTitlesWithTask(descriptors))
        : undefined
  const names = models.map(title).join(', ')
  const apply = () => {
    const g = ed.graph.getState()
    g.beginGesture()
    for (const e of taskEdits(other, node, target, models)) g.setParam(e.nodeId, e.param, e.value)
    g.endGesture()
    void runGraph(ed, 'all')
  }
  return (
    <section className="task-switch" aria-label="Task">
      <p>
        Target <strong>{target}</strong> trains for <strong>{forced ? forced : inferred}</strong>
        {forced && forced !== (inferred.startsWith('classification') ? 'classification' : 'regression') && (
          <span className="muted"> (set on {names}; read alone it is {inferred})</span>
        )}
      </p>
      <button type="button" onClick={apply} disabled={!!blocked || running}>
        {other === 'regression' ? 'Train as regression' : 'Train as classes'}
      </button>
      {blocked && <p className="muted">{blocked}</p>}
    </section>
  )
}
