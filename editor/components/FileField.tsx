import { namesFile } from '../engine/files'
import { useFiles } from '../hooks/useFiles'
import type { FieldProps } from './ParamField'

/** A file param: pick an uploaded file or upload one (it stays in this browser only). */
export function FileField({ id, schema, value, onChange }: FieldProps) {
  const { files, upload } = useFiles()
  const current = typeof value === 'string' ? value : ''
  const present = files.some((f) => f.name === current)
  return (
    <>
      <select id={id} value={current} onChange={(e) => onChange(e.target.value)}>
        <option value="">(no file)</option>
        {current && !present && <option value={current}>{current} (missing)</option>}
        {files.map((f) => (
          <option key={f.hash} value={f.name}>
            {f.name}
          </option>
        ))}
      </select>
      <label className="upload">
        Upload file…
        <input
          type="file"
          accept={schema.accept?.join(',')}
          hidden
          onChange={async (e) => {
            const f = e.target.files?.[0]
            e.target.value = ''
            if (!f) return
            // Keep the name the graph uses (e.g. "data/x.csv") when the chosen file is that one.
            if (namesFile(current, f.name)) await upload(f, current)
            else {
              await upload(f)
              onChange(f.name)
            }
          }}
        />
      </label>
      {current && !present && (
        <p className="field-problem" role="alert">
          Provide the file “{current}”: upload it here (files are not part of saved graphs or links).
        </p>
      )}
    </>
  )
}
