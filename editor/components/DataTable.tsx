import { useCallback, useMemo, useRef, type RefObject } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import type { Preview } from '../../runtime/worker/engine-api'
import { fitWidths, measureText } from '../lib/column-widths'
import { useElementWidth } from '../hooks/useElementWidth'
import { formatNumber } from '../lib/format'
import { PAGE_ROWS } from '../hooks/usePreview'
import { ColumnHeader, type TableSort } from './ColumnHeader'

type DatasetPreview = Extract<Preview, { kind: 'dataset' }>

export type { TableSort }

/** Ascending on the first click on a column, descending on the next. */
export const nextSort = (sort: TableSort | undefined, column: string): TableSort => ({ column, descending: sort?.column === column && !sort.descending })

/** Sorting and paging, when the table offers them: the owner fetches or orders the rows. */
export interface TableControls {
  sort?: TableSort
  onSort?(column: string): void
  /** Turn to the page starting at this row; shown when the table has more rows than `head`. */
  onPage?(offset: number): void
}

function Pager({ preview, onPage }: { preview: DatasetPreview; onPage(offset: number): void }) {
  const from = preview.offset ?? 0
  const size = preview.head.length
  if (size >= preview.rows) return null
  return (
    <span className="pager" role="group" aria-label="Pages">
      rows {formatNumber(from + 1)}–{formatNumber(from + size)} of {formatNumber(preview.rows)}
      <button className="link" disabled={from === 0} onClick={() => onPage(Math.max(0, from - PAGE_ROWS))} aria-label="Previous rows">
        ‹ previous
      </button>
      <button className="link" disabled={from + size >= preview.rows} onClick={() => onPage(from + PAGE_ROWS)} aria-label="Next rows">
        next ›
      </button>
    </span>
  )
}

const ROW_HEIGHT = 24
const INDEX_WIDTH = 56

/** Both virtualisers of a table: the rows and columns in view, the full width, and the room left of and right of the drawn columns. */
function useTableGrid(preview: DatasetPreview, scroller: RefObject<HTMLDivElement | null>, indexWidth: number) {
  const rows = useVirtualizer({
    count: preview.head.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  })
  // A few columns are narrowed to fit the box when they can be without cutting anything (a search's trials table at 1280 px).
  const room = (useElementWidth(scroller) ?? 0) - indexWidth
  const widths = useMemo(() => fitWidths(preview.columns, preview.head, measureText, room), [preview.columns, preview.head, room])
  const cols = useVirtualizer({
    horizontal: true,
    count: preview.columns.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => widths[i],
    // A new key function when the widths change makes the virtualiser lay the columns out again.
    getItemKey: useCallback((i: number) => `${i}:${widths[i]}`, [widths]),
    overscan: 4,
  })
  const shown = cols.getVirtualItems()
  // Spacers before and after the drawn columns keep every cell at its true x.
  const before = shown.length ? shown[0].start : 0
  const after = shown.length ? cols.getTotalSize() - shown[shown.length - 1].end : 0
  return { rows, shown, width: indexWidth + cols.getTotalSize(), before, after }
}

/** Under the table: its size, the pager or how much is shown, and the download. */
function TableFoot({ preview, onPage, onDownload }: { preview: DatasetPreview; onPage?(offset: number): void; onDownload?: () => void }) {
  return (
    <p className="table-foot muted">
      {formatNumber(preview.rows)} rows × {preview.columns.length} columns
      {!onPage && preview.head.length < preview.rows && ` · showing the first ${formatNumber(preview.head.length)}`}
      {onPage && <Pager preview={preview} onPage={onPage} />}
      {onDownload && (
        <button className="link" onClick={onDownload}>
          Download CSV
        </button>
      )}
    </p>
  )
}

/**
 * A table preview: column name, type, role and missing count in the header. Rows and columns
 * are both virtualised, so a 2 000-column table draws only what is in view, inside its own box.
 */
export function DataTable({ preview, label = 'Data preview', onDownload, plain = false, sort, onSort, onPage }: { preview: DatasetPreview; label?: string; onDownload?: () => void; plain?: boolean } & TableControls) {
  const scroller = useRef<HTMLDivElement>(null)
  const { rows, shown, width, before, after } = useTableGrid(preview, scroller, plain ? 0 : INDEX_WIDTH)
  const gap = (w: number) => w > 0 && <div className="cell-gap" style={{ width: w }} />
  return (
    <div className="data-table" role="table" aria-label={label} aria-rowcount={preview.rows} aria-colcount={preview.columns.length + 1}>
      <div className="table-scroll" ref={scroller}>
        <div className="table-head" role="row" style={{ width }}>
          {!plain && <div className="cell index" role="columnheader">#</div>}
          {gap(before)}
          {shown.map((v) => (
            <ColumnHeader key={v.key} column={preview.columns[v.index]} index={v.index} width={v.size} plain={plain} sort={sort} onSort={onSort} />
          ))}
          {gap(after)}
        </div>
        <div style={{ height: rows.getTotalSize(), width, position: 'relative' }}>
          {rows.getVirtualItems().map((r) => (
            <div className="table-row" role="row" key={r.key} style={{ transform: `translateY(${r.start}px)`, height: ROW_HEIGHT, width }}>
              {!plain && <div className="cell index" role="cell">{(preview.offset ?? 0) + r.index + 1}</div>}
              {gap(before)}
              {shown.map((v) => {
                const cell = preview.head[r.index][v.index]
                return (
                  <div className={`cell ${cell === '' ? 'empty' : ''} ${preview.columns[v.index].type}`} role="cell" key={v.key} aria-colindex={v.index + 2} style={{ width: v.size }}>
                    {cell === '' ? '—' : cell}
                  </div>
                )
              })}
            </div>
          ))}
        </div>
      </div>
      <TableFoot preview={preview} onPage={onPage} onDownload={onDownload} />
    </div>
  )
}
