import type { ColumnInfo } from '../hooks/useUpstreamColumns'
import type { FieldProps } from './ParamField'

type Props = FieldProps & { columns: ColumnInfo[] | undefined }

function offered(columns: ColumnInfo[], kind: string | undefined): ColumnInfo[] {
  return kind && kind !== 'any' ? columns.filter((c) => c.type === kind) : columns
}

const NO_COLUMNS = 'Run the upstream node to pick from its columns.'

/** One column, picked from the upstream table's columns ('' = automatic / none). */
export function ColumnField({ id, schema, value, onChange, columns }: Props) {
  const current = typeof value === 'string' ? value : ''
  if (!columns) {
    return (
      <>
        <input id={id} type="text" value={current} placeholder="automatic" onChange={(e) => onChange(e.target.value)} />
        <p className="field-hint">{NO_COLUMNS}</p>
      </>
    )
  }
  const list = offered(columns, schema.columnKind)
  return (
    <select id={id} value={current} onChange={(e) => onChange(e.target.value)}>
      <option value="">(automatic)</option>
      {current && !list.some((c) => c.name === current) && <option value={current}>{current} (not in the table)</option>}
      {list.map((c) => (
        <option key={c.name} value={c.name}>
          {c.name} · {c.type}
          {c.role !== 'feature' ? ` · ${c.role}` : ''}
        </option>
      ))}
    </select>
  )
}

/** Several columns as checkboxes; none checked means every feature column. */
export function ColumnsField({ id, schema, value, onChange, columns }: Props) {
  const chosen = Array.isArray(value) ? (value as string[]) : []
  if (!columns) {
    return (
      <>
        <input
          id={id}
          type="text"
          value={chosen.join(', ')}
          placeholder="all feature columns"
          onChange={(e) => onChange(e.target.value.split(',').map((s) => s.trim()).filter(Boolean))}
        />
        <p className="field-hint">{NO_COLUMNS} Or type names separated by commas.</p>
      </>
    )
  }
  const list = offered(columns, schema.columnKind)
  const toggle = (name: string, on: boolean) =>
    onChange(on ? [...chosen, name] : chosen.filter((c) => c !== name))
  return (
    <fieldset id={id} className="columns-field">
      <p className="field-hint">{chosen.length ? `${chosen.length} chosen` : 'None checked: all feature columns.'}</p>
      {list.map((c) => (
        <label key={c.name}>
          <input type="checkbox" checked={chosen.includes(c.name)} onChange={(e) => toggle(c.name, e.target.checked)} />
          {c.name} <span className="muted">{c.type}</span>
        </label>
      ))}
    </fieldset>
  )
}
