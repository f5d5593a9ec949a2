import { useEditor, useUi } from '../store'

/** Short messages in the corner (refused wires, copied links, errors). */
export function Toasts() {
  const ed = useEditor()
  const toasts = useUi((s) => s.toasts)
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast ${t.tone}`} role={t.tone === 'error' ? 'alert' : 'status'}>
          {t.text}
          <button className="ghost" aria-label="Dismiss" onClick={() => ed.ui.getState().dismissToast(t.id)}>
            ✕
          </button>
        </div>
      ))}
    </div>
  )
}
