import { useState } from 'react'
import type { ColumnInfo } from '../hooks/useUpstreamColumns'
import type { FieldProps } from './ParamField'

type Props = FieldProps & { columns: ColumnInfo[] | undefined }

function offered(columns: ColumnInfo[], kind: string | undefined): ColumnInfo[] {
  return kind && kind !== 'any' ? columns.filter((c) => c.type === kind) : columns
}

/** Checkboxes drawn at most; the filter box finds the rest. */
const MAX_LISTED = 60

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
  const [filter, setFilter] = useState('')
  const emptyMeans = schema.emptyMeans === 'none' ? 'None checked: no columns.' : 'None checked: all feature columns.'
  if (!columns) {
    return (
      <>
        <input
          id={id}
          type="text"
          value={chosen.join(', ')}
          placeholder={schema.emptyMeans === 'none' ? 'none' : 'all feature columns'}
          onChange={(e) => onChange(e.target.value.split(',').map((s) => s.trim()).filter(Boolean))}
        />
        <p className="field-hint">{NO_COLUMNS} Or type names separated by commas.</p>
      </>
    )
  }
  const all = offered(columns, schema.columnKind)
  const toggle = (name: string, on: boolean) =>
    onChange(on ? [...chosen, name] : chosen.filter((c) => c !== name))
  const needle = filter.trim().toLowerCase()
  const matching = needle ? all.filter((c) => c.name.toLowerCase().includes(needle)) : all
  // A 2 000-column table would draw 2 000 checkboxes: chosen ones first, then the first matches.
  const list = [...all.filter((c) => chosen.includes(c.name)), ...matching.filter((c) => !chosen.includes(c.name)).slice(0, MAX_LISTED)]
  return (
    <fieldset id={id} className="columns-field">
      <p className="field-hint">{chosen.length ? `${chosen.length} chosen` : emptyMeans}</p>
      {all.length > MAX_LISTED && (
        <input type="search" aria-label={`Filter ${schema.title ?? 'columns'}`} placeholder={`Filter ${all.length} columns`} value={filter} onChange={(e) => setFilter(e.target.value)} />
      )}
      {list.map((c) => (
        <label key={c.name}>
          <input type="checkbox" checked={chosen.includes(c.name)} onChange={(e) => toggle(c.name, e.target.checked)} />
          {c.name} <span className="muted">{c.type}</span>
        </label>
      ))}
      {matching.length - list.length > 0 && <p className="field-hint">{matching.length - list.length} more: type to filter.</p>}
    </fieldset>
  )
}
