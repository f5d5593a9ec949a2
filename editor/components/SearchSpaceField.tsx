import { useEffect, useState } from 'react'
import { useSearchTargets } from '../hooks/useSearchTargets'
import { parseNumber } from '../lib/param-check'
import {
  convertDimension,
  dimensionProblems,
  kindsFor,
  newDimension,
  parseValues,
  type Dim,
  type Kind,
  type SearchTarget,
} from '../lib/search-space'
import { JsonField } from './JsonField'
import type { FieldProps } from './ParamField'

const KIND_TEXT: Record<Kind, string> = { list: 'list', choice: 'choice', int: 'int range', float: 'float range', log: 'log range' }

/** A number box that keeps what the user types and applies it once it is a number; an optional one (its default as placeholder) may be emptied. */
function DraftNumber({ label, value, optional, onChange }: { label: string; value: number | undefined; optional?: string; onChange(v: number | undefined): void }) {
  const [text, setText] = useState(value === undefined ? '' : String(value))
  useEffect(() => setText((t) => (parseNumber(t) === value || (t.trim() === '' && value === undefined) ? t : value === undefined ? '' : String(value))), [value])
  const bad = !(optional && text.trim() === '') && !Number.isFinite(parseNumber(text))
  return (
    <input
      aria-label={label}
      type="number"
      step="any"
      value={text}
      aria-invalid={bad}
      placeholder={optional}
      onChange={(e) => {
        setText(e.target.value)
        const n = parseNumber(e.target.value)
        if (Number.isFinite(n)) onChange(n)
        else if (optional && e.target.value.trim() === '') onChange(undefined)
      }}
    />
  )
}

/** Values as "a, b, c": applied while they parse, else the problem is shown and the last good list stays. */
function ValuesInput({ label, dim, target, onChange }: { label: string; dim: Dim; target: SearchTarget | undefined; onChange(d: Dim): void }) {
  const schema = target?.params.find((p) => p.path === dim.param)?.schema
  const shown = (dim.values ?? []).map(String).join(', ')
  const [text, setText] = useState(shown)
  const [problem, setProblem] = useState<string>()
  useEffect(() => setText((t) => (JSON.stringify(parse(t)) === JSON.stringify(dim.values) ? t : shown)), [shown])
  function parse(t: string) {
    const r = parseValues(t, schema)
    return 'values' in r ? r.values : undefined
  }
  return (
    <>
      <input
        aria-label={label}
        type="text"
        value={text}
        placeholder="e.g. 16, 32, 64"
        onChange={(e) => {
          setText(e.target.value)
          const r = parseValues(e.target.value, schema)
          setProblem('problem' in r ? r.problem : undefined)
          if ('values' in r) onChange({ ...dim, values: r.values })
        }}
      />
      {problem && <p className="field-problem">{problem}</p>}
    </>
  )
}

/** Lowest / highest, and the step (int) or the number of grid points (float, log). */
function RangeInputs({ n, dim, onChange }: { n: number; dim: Dim; onChange(d: Dim): void }) {
  const set = (k: 'min' | 'max' | 'step' | 'steps', v: number | undefined) => {
    const next = { ...dim, [k]: v }
    if (v === undefined) delete next[k]
    onChange(next)
  }
  return (
    <div className="space-range">
      <span aria-hidden>from</span>
      <DraftNumber label={`Row ${n} from`} value={dim.min} onChange={(v) => set('min', v)} />
      <span aria-hidden>to</span>
      <DraftNumber label={`Row ${n} to`} value={dim.max} onChange={(v) => set('max', v)} />
      {dim.kind === 'int' ? (
        <>
          <span aria-hidden title="Whole numbers from … to in steps of this (default 1)">step</span>
          <DraftNumber label={`Row ${n} step`} value={dim.step} optional="1" onChange={(v) => set('step', v)} />
        </>
      ) : (
        <>
          <span aria-hidden title="How many evenly spaced values a grid search tries (default 5)">grid</span>
          <DraftNumber label={`Row ${n} grid points`} value={dim.steps} optional="5" onChange={(v) => set('steps', v)} />
        </>
      )}
    </div>
  )
}

/** One searched param: node, param, kind, its values or range, remove; problems in place. */
function SpaceRow({ n, dim, space, targets, onChange, onRemove }: { n: number; dim: Dim; space: Dim[]; targets: SearchTarget[]; onChange(d: Dim): void; onRemove(): void }) {
  const target = targets.find((t) => t.id === dim.node)
  const param = target?.params.find((p) => p.path === dim.param)
  const kinds = param ? kindsFor(param.schema) : [dim.kind]
  const problems = dimensionProblems(dim, targets, space)
  const pickNode = (id: string) => {
    const t = targets.find((x) => x.id === id)
    if (t) onChange(newDimension(t.id, t.params[0]))
  }
  const pickParam = (path: string) => {
    const p = target?.params.find((x) => x.path === path)
    if (p) onChange(newDimension(dim.node, p))
  }
  return (
    <fieldset className="space-row" aria-label={`Searched param ${n}`} aria-invalid={problems.length > 0}>
      <div className="space-pick">
        <select className="space-node" aria-label={`Row ${n} node`} value={dim.node} onChange={(e) => pickNode(e.target.value)}>
          {!target && <option value={dim.node}>{dim.node} (missing)</option>}
          {targets.map((t) => (
            <option key={t.id} value={t.id}>{t.title === t.id ? t.id : `${t.title} (${t.id})`}</option>
          ))}
        </select>
        <button type="button" className="space-remove" aria-label={`Remove row ${n}`} onClick={onRemove}>✕</button>
      </div>
      <select aria-label={`Row ${n} param`} value={dim.param} onChange={(e) => pickParam(e.target.value)}>
        {!param && <option value={dim.param}>{dim.param} (missing)</option>}
        {target?.params.map((p) => (
          <option key={p.path} value={p.path}>{p.title}</option>
        ))}
      </select>
      <div className="space-values">
        <select aria-label={`Row ${n} kind`} value={dim.kind} onChange={(e) => onChange(convertDimension(dim, e.target.value as Kind, param))}>
          {kinds.map((k) => (
            <option key={k} value={k}>{KIND_TEXT[k]}</option>
          ))}
        </select>
        {(dim.kind === 'list' || dim.kind === 'choice') && <ValuesInput label={`Row ${n} values`} dim={dim} target={target} onChange={onChange} />}
      </div>
      {dim.kind !== 'list' && dim.kind !== 'choice' && <RangeInputs n={n} dim={dim} onChange={onChange} />}
      {problems.map((p) => (
        <p key={p} className="field-problem" role="alert">{p}</p>
      ))}
    </fieldset>
  )
}

/**
 * The search node's space as a form: one row per searched param of a node upstream of its Result
 * input; it writes the same JSON the document has always saved. "Edit as JSON" shows that JSON.
 */
export function SearchSpaceField(props: FieldProps & { nodeId: string }) {
  const { id, value, onChange, nodeId } = props
  const targets = useSearchTargets(nodeId)
  const space = Array.isArray(value) ? (value as Dim[]) : []
  const set = (i: number, d: Dim) => onChange(space.map((o, j) => (j === i ? d : o)))
  const unused = targets.flatMap((t) => t.params.map((p) => ({ t, p }))).find(({ t, p }) => !space.some((d) => d.node === t.id && d.param === p.path))
  return (
    <div id={id} className="search-space">
      {space.length === 0 && <p className="muted">Nothing is searched yet: add the params to vary.</p>}
      {space.map((d, i) => (
        <SpaceRow key={i} n={i + 1} dim={d} space={space} targets={targets} onChange={(next) => set(i, next)} onRemove={() => onChange(space.filter((_, j) => j !== i))} />
      ))}
      {targets.length === 0 ? (
        <p className="field-problem">Wire a metrics node to Result: its pipeline's nodes are what the search can tune.</p>
      ) : (
        <button type="button" disabled={!unused} onClick={() => unused && onChange([...space, newDimension(unused.t.id, unused.p)])}>
          + Add param
        </button>
      )}
      <details className="space-json">
        <summary>Edit as JSON</summary>
        <JsonField {...props} id={`${id}-json`} />
      </details>
    </div>
  )
}
