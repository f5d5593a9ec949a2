import { useEffect, useState } from 'react'
import type { FieldProps } from './ParamField'

/** A JSON text box for params without a dedicated editor; invalid JSON is shown, not applied. */
export function JsonField({ id, value, onChange }: FieldProps) {
  const pretty = JSON.stringify(value ?? null, null, 1)
  const [text, setText] = useState(pretty)
  const [problem, setProblem] = useState<string>()
  // Follow outside changes (undo, reset) without re-formatting what the user is typing.
  useEffect(
    () =>
      setText((t) => {
        try {
          return JSON.stringify(JSON.parse(t)) === JSON.stringify(value ?? null) ? t : pretty
        } catch {
          return pretty
        }
      }),
    [pretty, value],
  )
  return (
    <>
      <textarea
        id={id}
        rows={Math.min(8, pretty.split('\n').length + 1)}
        value={text}
        spellCheck={false}
        aria-invalid={!!problem}
        onChange={(e) => {
          setText(e.target.value)
          try {
            onChange(JSON.parse(e.target.value))
            setProblem(undefined)
          } catch {
            setProblem('Not valid JSON yet; the last valid value stays in use.')
          }
        }}
      />
      {problem && <p className="field-problem" role="alert">{problem}</p>}
    </>
  )
}
