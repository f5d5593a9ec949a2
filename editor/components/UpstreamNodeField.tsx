import { useSearchTargets } from '../hooks/useSearchTargets'
import type { FieldProps } from './ParamField'

/** Picks one node the search can tune (e.g. the Train node whose epochs successive halving varies); empty: off. */
export function UpstreamNodeField({ id, value, onChange, nodeId }: FieldProps & { nodeId: string }) {
  const targets = useSearchTargets(nodeId)
  const chosen = typeof value === 'string' ? value : ''
  const missing = chosen !== '' && !targets.some((t) => t.id === chosen)
  return (
    <>
      <select id={id} value={chosen} onChange={(e) => onChange(e.target.value)}>
        <option value="">off</option>
        {missing && <option value={chosen}>{chosen} (missing)</option>}
        {targets.map((t) => (
          <option key={t.id} value={t.id}>
            {t.title === t.id ? t.id : `${t.title} (${t.id})`}
          </option>
        ))}
      </select>
      {missing && (
        <p className="field-problem" role="alert">
          No node “{chosen}” feeds the search's Result input any more.
        </p>
      )}
    </>
  )
}
