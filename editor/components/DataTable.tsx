import { useRef } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { Preview } from '../../runtime/worker/engine-api'
import { formatNumber } from '../lib/format'

type DatasetPreview = Extract<Preview, { kind: 'dataset' }>

const ROW_HEIGHT = 24
const COL_WIDTH = 120
const INDEX_WIDTH = 56

/**
 * A table preview: column name, type, role and missing count in the header. Rows and columns
 * are both virtualised, so a 2 000-column table draws only what is in view, inside its own box.
 */
export function DataTable({ preview, label = 'Data preview', onDownload, plain = false }: { preview: DatasetPreview; label?: string; onDownload?: () => void; plain?: boolean }) {
  const indexWidth = plain ? 0 : INDEX_WIDTH
  const scroller = useRef<HTMLDivElement>(null)
  const rows = useVirtualizer({
    count: preview.head.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  })
  const cols = useVirtualizer({
    horizontal: true,
    count: preview.columns.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => COL_WIDTH,
    overscan: 4,
  })
  const width = indexWidth + cols.getTotalSize()
  const shown = cols.getVirtualItems()
  // Spacers before and after the drawn columns keep every cell at its true x.
  const before = shown.length ? shown[0].start : 0
  const after = shown.length ? cols.getTotalSize() - shown[shown.length - 1].end : 0
  return (
    <div className="data-table" role="table" aria-label={label} aria-rowcount={preview.rows} aria-colcount={preview.columns.length + 1}>
      <div className="table-scroll" ref={scroller}>
        <div className="table-head" role="row" style={{ width }}>
          {!plain && <div className="cell index" role="columnheader">#</div>}
          {before > 0 && <div className="cell-gap" style={{ width: before }} />}
          {shown.map((v) => {
            const c = preview.columns[v.index]
            return (
              <div className={`cell role-${c.role}`} role="columnheader" key={v.key} aria-colindex={v.index + 2} title={`${c.name}: ${c.type}, ${c.role}`}>
                <strong>{c.name}</strong>
                {!plain && (
                  <span className="col-meta">
                    {c.type === 'numeric' ? 'num' : 'cat'} · {c.role}
                    {c.missing > 0 && <span className="missing"> · {formatNumber(c.missing)} missing</span>}
                  </span>
                )}
              </div>
            )
          })}
          {after > 0 && <div className="cell-gap" style={{ width: after }} />}
        </div>
        <div style={{ height: rows.getTotalSize(), width, position: 'relative' }}>
          {rows.getVirtualItems().map((r) => (
            <div className="table-row" role="row" key={r.key} style={{ transform: `translateY(${r.start}px)`, height: ROW_HEIGHT, width }}>
              {!plain && <div className="cell index" role="cell">{r.index + 1}</div>}
              {before > 0 && <div className="cell-gap" style={{ width: before }} />}
              {shown.map((v) => {
                const cell = preview.head[r.index][v.index]
                return (
                  <div className={`cell ${cell === '' ? 'empty' : ''} ${preview.columns[v.index].type}`} role="cell" key={v.key} aria-colindex={v.index + 2}>
                    {cell === '' ? '—' : cell}
                  </div>
                )
              })}
            </div>
          ))}
        </div>
      </div>
      <p className="table-foot muted">
        {formatNumber(preview.rows)} rows × {preview.columns.length} columns
        {preview.head.length < preview.rows && ` · showing the first ${formatNumber(preview.head.length)}`}
        {onDownload && (
          <button className="link" onClick={onDownload}>
            Download CSV
          </button>
        )}
      </p>
    </div>
  )
}
