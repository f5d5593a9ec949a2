import { useEffect, useState } from 'react'
import type { ParamSchema } from '../lib/flow-types'
import { paramProblem, parseNumber } from '../lib/param-check'
import type { ColumnInfo } from '../hooks/useUpstreamColumns'
import { ColumnField, ColumnsField } from './ColumnFields'
import { FileField } from './FileField'
import { JsonField } from './JsonField'
import { LayersEditor } from './LayersEditor'
import { SearchSpaceField } from './SearchSpaceField'
import { UpstreamNodeField } from './UpstreamNodeField'

export interface FieldProps {
  id: string
  schema: ParamSchema
  value: unknown
  /** Applies a value; the caller has checked it. */
  onChange(value: unknown): void
}

const isNumeric = (s: ParamSchema) => s.type === 'number' || s.type === 'integer'

/** A number box that keeps what the user typed, applying it only when it is valid. */
function NumberField({ id, schema, value, onChange }: FieldProps) {
  const [text, setText] = useState(String(value ?? ''))
  // Follow outside changes (undo, reset) but keep what the user is typing ("0.50", "1e-").
  useEffect(() => setText((t) => (parseNumber(t) === value ? t : String(value ?? ''))), [value])
  const problem = paramProblem(schema, parseNumber(text))
  return (
    <>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={schema.minimum ?? schema.exclusiveMinimum}
        max={schema.maximum ?? schema.exclusiveMaximum}
        step={schema.step ?? (schema.type === 'integer' ? 1 : 'any')}
        value={text}
        aria-invalid={!!problem}
        onChange={(e) => {
          setText(e.target.value)
          const n = parseNumber(e.target.value)
          if (!paramProblem(schema, n)) onChange(n)
        }}
      />
      {problem && <p className="field-problem" role="alert">{problem}</p>}
    </>
  )
}

function TextField({ id, schema, value, onChange }: FieldProps) {
  const text = typeof value === 'string' ? value : ''
  const problem = paramProblem(schema, text)
  return (
    <>
      <input id={id} type="text" value={text} aria-invalid={!!problem} onChange={(e) => onChange(e.target.value)} />
      {problem && <p className="field-problem" role="alert">{problem}</p>}
    </>
  )
}

/** The input for one param, chosen by its UI hint (runtime/node-api/params.ts). */
export function ParamField(props: FieldProps & { nodeId: string; columns: ColumnInfo[] | undefined }) {
  const { id, schema, value, onChange } = props
  const ui = schema.ui ?? (schema.enum ? 'select' : isNumeric(schema) ? 'number' : schema.type === 'boolean' ? 'bool' : 'json')
  switch (ui) {
    case 'number':
    case 'int':
      return <NumberField {...props} />
    case 'bool':
      return <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
    case 'select':
      return (
        <select id={id} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)}>
          {(schema.enum ?? []).map((o) => (
            <option key={String(o)} value={String(o)}>
              {String(o)}
            </option>
          ))}
        </select>
      )
    case 'text':
      return <TextField {...props} />
    case 'search-space':
      return <SearchSpaceField {...props} />
    case 'upstream-node':
      return <UpstreamNodeField {...props} />
    case 'column':
      return <ColumnField {...props} />
    case 'columns':
      return <ColumnsField {...props} />
    case 'file':
      return <FileField {...props} />
    case 'layers':
      return schema.items?.properties ? <LayersEditor {...props} /> : <JsonField {...props} />
    default:
      return isNumeric(schema) ? <NumberField {...props} /> : <JsonField {...props} />
  }
}
