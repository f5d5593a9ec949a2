import { useRef } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { Preview } from '../../runtime/worker/engine-api'
import { formatNumber } from '../lib/format'

type DatasetPreview = Extract<Preview, { kind: 'dataset' }>

const ROW_HEIGHT = 24
const COL_WIDTH = 120

/** A table preview: column name, type, role and missing count in the header; rows virtualised. */
export function DataTable({ preview }: { preview: DatasetPreview }) {
  const scroller = useRef<HTMLDivElement>(null)
  const rows = useVirtualizer({
    count: preview.head.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  })
  const width = 56 + preview.columns.length * COL_WIDTH
  return (
    <div className="data-table" role="table" aria-label="Data preview" aria-rowcount={preview.rows}>
      <div className="table-scroll" ref={scroller}>
        <div className="table-head" role="row" style={{ width }}>
          <div className="cell index" role="columnheader">#</div>
          {preview.columns.map((c) => (
            <div className={`cell role-${c.role}`} role="columnheader" key={c.name} title={`${c.name}: ${c.type}, ${c.role}`}>
              <strong>{c.name}</strong>
              <span className="col-meta">
                {c.type === 'numeric' ? 'num' : 'cat'} · {c.role}
                {c.missing > 0 && <span className="missing"> · {formatNumber(c.missing)} missing</span>}
              </span>
            </div>
          ))}
        </div>
        <div style={{ height: rows.getTotalSize(), width, position: 'relative' }}>
          {rows.getVirtualItems().map((v) => (
            <div
              className="table-row"
              role="row"
              key={v.key}
              style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT, width }}
            >
              <div className="cell index" role="cell">{v.index + 1}</div>
              {preview.head[v.index].map((cell, j) => (
                <div className={`cell ${cell === '' ? 'empty' : ''} ${preview.columns[j].type}`} role="cell" key={j}>
                  {cell === '' ? '—' : cell}
                </div>
              ))}
            </div>
          ))}
        </div>
      </div>
      <p className="table-foot muted">
        {formatNumber(preview.rows)} rows × {preview.columns.length} columns
        {preview.head.length < preview.rows && ` · showing the first ${formatNumber(preview.head.length)}`}
      </p>
    </div>
  )
}
