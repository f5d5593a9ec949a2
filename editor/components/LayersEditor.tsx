import { useEffect, useState } from 'react'
import type { ParamSchema } from '../lib/flow-types'
import { paramProblem, parseNumber } from '../lib/param-check'
import type { FieldProps } from './ParamField'

type Row = Record<string, unknown>

function defaults(item: ParamSchema): Row {
  return Object.fromEntries(
    Object.entries((item.properties ?? {}) as Record<string, ParamSchema>).map(([k, s]) => [
      k,
      s.default ?? (s.enum ? s.enum[0] : s.type === 'integer' || s.type === 'number' ? Math.max(1, s.minimum ?? 1) : ''),
    ]),
  )
}

function Cell({ schema, value, label, onChange }: { schema: ParamSchema; value: unknown; label: string; onChange(v: unknown): void }) {
  if (schema.enum) {
    return (
      <select aria-label={label} value={String(value)} onChange={(e) => onChange(e.target.value)}>
        {schema.enum.map((o) => (
          <option key={String(o)}>{String(o)}</option>
        ))}
      </select>
    )
  }
  return <NumberCell schema={schema} value={value} label={label} onChange={onChange} />
}

function NumberCell({ schema, value, label, onChange }: { schema: ParamSchema; value: unknown; label: string; onChange(v: unknown): void }) {
  const [text, setText] = useState(String(value ?? ''))
  useEffect(() => setText((t) => (parseNumber(t) === value ? t : String(value ?? ''))), [value])
  const problem = paramProblem(schema, parseNumber(text))
  return (
    <input
      aria-label={label}
      type="number"
      min={schema.minimum}
      max={schema.maximum}
      step={schema.type === 'integer' ? 1 : 0.05}
      value={text}
      aria-invalid={!!problem}
      title={problem}
      onChange={(e) => {
        setText(e.target.value)
        const n = parseNumber(e.target.value)
        if (!paramProblem(schema, n)) onChange(n)
      }}
    />
  )
}

/** A list of network layers: one row per layer with its fields, add, remove and reorder. */
export function LayersEditor({ id, schema, value, onChange }: FieldProps) {
  const item = schema.items!
  const props = (item.properties ?? {}) as Record<string, ParamSchema>
  const rows = Array.isArray(value) ? (value as Row[]) : []
  const set = (i: number, k: string, v: unknown) => onChange(rows.map((r, j) => (j === i ? { ...r, [k]: v } : r)))
  const move = (i: number, d: number) => {
    const next = [...rows]
    ;[next[i], next[i + d]] = [next[i + d], next[i]]
    onChange(next)
  }
  return (
    <div id={id} className="layers">
      <table>
        <thead>
          <tr>
            <th>#</th>
            {Object.keys(props).map((k) => (
              <th key={k}>{k}</th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>{i + 1}</td>
              {Object.entries(props).map(([k, s]) => (
                <td key={k}>
                  <Cell schema={s} value={r[k]} label={`layer ${i + 1} ${k}`} onChange={(v) => set(i, k, v)} />
                </td>
              ))}
              <td className="row-actions">
                <button type="button" aria-label={`Move layer ${i + 1} up`} disabled={i === 0} onClick={() => move(i, -1)}>↑</button>
                <button type="button" aria-label={`Move layer ${i + 1} down`} disabled={i === rows.length - 1} onClick={() => move(i, 1)}>↓</button>
                <button type="button" aria-label={`Remove layer ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>✕</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => onChange([...rows, rows.length ? { ...rows[rows.length - 1] } : defaults(item)])}>
        + Add layer
      </button>
    </div>
  )
}
