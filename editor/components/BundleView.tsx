import { download } from '../engine/commands'
import { formatBytes } from '../lib/format'
import { useEditor } from '../store'
import { currentDoc } from '../store/selectors'

/** A bundle output as the preview sends it: each file's bytes as a short array or `{ length }`. */
interface BundlePreview {
  kind: 'bundle'
  name: string
  files: { path: string; bytes: unknown[] | { length: number } }[]
}

export const isBundlePreview = (v: unknown): v is BundlePreview =>
  !!v && typeof v === 'object' && (v as BundlePreview).kind === 'bundle' && Array.isArray((v as BundlePreview).files)

/**
 * An exported model bundle: its files and a download of all of them as one .zip, the archive
 * `pipeline predict`, `pipeline serve` and `pipeline html` read as it is (or unzipped, as a folder).
 */
export function BundleView({ nodeId, port, value }: { nodeId: string; port: string; value: BundlePreview }) {
  const ed = useEditor()
  const save = async () => {
    const archive = await ed.engine().bundleArchive(currentDoc(ed), nodeId, port)
    if (!archive) return ed.ui.getState().toast('Run the node again: its bundle is no longer in the cache.', 'error')
    download(`${archive.name}.zip`, new Blob([archive.zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), 'application/zip')
  }
  const zip = `${value.name}.zip`
  return (
    <section className="bundle-view" aria-label="Model bundle">
      <h3>
        Model bundle “{value.name}”
        <button className="primary" onClick={() => void save()}>
          Download bundle (.zip)
        </button>
      </h3>
      <table className="metrics-table" aria-label="Bundle files">
        <tbody>
          {value.files.map((f) => (
            <tr key={f.path}>
              <th scope="row">{f.path}</th>
              <td>{formatBytes(f.bytes.length)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        Score a CSV file: <code>pipeline predict {zip} rows.csv -o scored.csv</code> · serve it: <code>pipeline serve {zip}</code> ·
        an offline page: <code>pipeline html {zip} -o scorer.html</code>
      </p>
    </section>
  )
}
