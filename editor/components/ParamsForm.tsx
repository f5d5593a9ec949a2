import type { ColumnInfo } from '../hooks/useUpstreamColumns'
import type { FlowNode, ParamSchema } from '../lib/flow-types'
import { useEditor } from '../store'
import { ParamField } from './ParamField'

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** One param: its title (the description as a tooltip and a hint), a reset to its default once changed, its field. */
function ParamRow({ node, name, schema, columns }: { node: FlowNode; name: string; schema: ParamSchema; columns: ColumnInfo[] | undefined }) {
  const g = useEditor().graph.getState()
  const value = node.data.params[name] ?? schema.default
  const id = `param-${node.id}-${name}`
  const changed = schema.default !== undefined && !same(value, schema.default)
  return (
    <div className={`field ${schema.advanced ? 'advanced' : ''}`}>
      <div className="field-head">
        <label htmlFor={id} title={schema.description}>
          {schema.title ?? name}
        </label>
        {changed && (
          <button
            type="button"
            className="reset"
            aria-label={`Reset ${schema.title ?? name} to default`}
            title={`Reset to default (${JSON.stringify(schema.default)})`}
            onClick={() => g.resetParam(node.id, name)}
          >
            ↺
          </button>
        )}
      </div>
      <ParamField id={id} nodeId={node.id} schema={schema} value={value} columns={columns} onChange={(v) => g.setParam(node.id, name, v)} />
      {schema.description && <p className="field-hint">{schema.description}</p>}
    </div>
  )
}

/** The params form of the selected node, built from its schema. */
export function ParamsForm({ node, schemas, columns }: { node: FlowNode; schemas: Record<string, ParamSchema>; columns: ColumnInfo[] | undefined }) {
  return (
    <form className="params" onSubmit={(e) => e.preventDefault()} aria-label="Parameters">
      {Object.keys(schemas).length === 0 && <p className="muted">This node has no parameters.</p>}
      {Object.entries(schemas).map(([name, schema]) => (
        <ParamRow key={`${node.id}-${name}`} node={node} name={name} schema={schema} columns={columns} />
      ))}
    </form>
  )
}
