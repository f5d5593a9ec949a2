import { useEffect, useState } from 'react'
import type { LiveScore } from '../../deploy/scorer/live'
import { useEditor } from '../store'
import { currentDoc } from '../store/selectors'

type Row = Record<string, string>

/** A form value as the scorer reads it: numbers for numeric columns, '' as missing. */
function instance(score: LiveScore, row: Row) {
  return Object.fromEntries(
    score.columns.filter((c) => c.required).map((c) => {
      const v = (row[c.name] ?? '').trim()
      return [c.name, v === '' ? null : c.type === 'numeric' && Number.isFinite(Number(v)) ? Number(v) : v]
    }),
  )
}

/** The required fields still empty, named for the hint. */
function blanks(score: LiveScore, row: Row): string[] {
  return score.columns.filter((c) => c.required && (row[c.name] ?? '').trim() === '').map((c) => c.name)
}

function Prediction({ score, empty }: { score: LiveScore; empty: string[] }) {
  // A model without an imputer cannot score empty fields: until they are filled that is a to-do, not an error.
  if (score.error && empty.length) {
    const names = empty.length > 4 ? `${empty.slice(0, 4).join(', ')} and ${empty.length - 4} more` : empty.join(', ')
    return <p className="muted" role="status">Type a value for {names} to see a prediction.</p>
  }
  if (score.error) return <p className="error-text" role="alert">{score.error}</p>
  const p = score.predictions?.[0]
  if (p === undefined) return null
  if (typeof p === 'number') return <p role="status">Prediction: <strong>{p.toPrecision(6)}</strong></p>
  const probs = Object.entries(p.probabilities ?? p.scores ?? {})
  return (
    <div role="status">
      <p>Prediction: <strong>{p.label}</strong></p>
      {probs.length > 0 && (
        <table className="metrics-table" aria-label={p.probabilities ? 'Class probabilities' : 'Class scores'}>
          <tbody>
            {probs.map(([c, v]) => (
              <tr key={c}><th scope="row">{c}</th><td>{v.toFixed(4)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}

/**
 * Try a trained model: a form of the training data's raw columns (numbers, category pickers);
 * the prediction and class probabilities follow every keystroke, scored in the engine by the
 * same scorer as an exported bundle.
 */
export function LiveScoreForm({ nodeId, port }: { nodeId: string; port: string }) {
  const ed = useEditor()
  const [score, setScore] = useState<LiveScore>()
  const [row, setRow] = useState<Row>({})
  useEffect(() => {
    let live = true
    ed.engine()
      .liveScore(currentDoc(ed), nodeId, port)
      .then((s) => {
        if (!live || !s) return
        setScore(s)
        setRow(Object.fromEntries(s.columns.filter((c) => c.required).map((c) => [c.name, c.categories?.[0] ?? ''])))
      })
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [ed, nodeId, port])
  useEffect(() => {
    if (!score) return
    let live = true
    ed.engine()
      .liveScore(currentDoc(ed), nodeId, port, [instance(score, row)])
      .then((s) => live && s && setScore(s))
      .catch(() => undefined)
    return () => {
      live = false
    }
    // Re-score when the typed row changes; `score` itself changes with every answer.
  }, [ed, nodeId, port, row])
  if (!score) return null
  return (
    <section className="live-score" aria-label="Try the model">
      <h3>Try the model</h3>
      <form onSubmit={(e) => e.preventDefault()}>
        {score.columns.filter((c) => c.required).map((c) => (
          <label key={c.name}>
            {c.name}{' '}
            {c.type === 'categorical' && c.categories?.length ? (
              <select value={row[c.name] ?? ''} onChange={(e) => setRow({ ...row, [c.name]: e.target.value })}>
                {c.categories.map((k) => <option key={k} value={k}>{k}</option>)}
              </select>
            ) : (
              <input type="text" inputMode="decimal" value={row[c.name] ?? ''} onChange={(e) => setRow({ ...row, [c.name]: e.target.value })} />
            )}
          </label>
        ))}
      </form>
      <Prediction score={score} empty={blanks(score, row)} />
    </section>
  )
}
