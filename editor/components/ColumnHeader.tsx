import type { Preview } from '../../runtime/worker/engine-api'
import { metaLine } from '../lib/column-widths'
import { formatNumber } from '../lib/format'

type Column = Extract<Preview, { kind: 'dataset' }>['columns'][number]

/** The column a table is ordered by. */
export interface TableSort {
  column: string
  descending?: boolean
}

/**
 * One column's header: its name (a sort button when the table sorts), and unless `plain` its type,
 * role and missing count; the tooltip says all of it, for a name too long for two lines.
 */
export function ColumnHeader({ column: c, index, width, plain, sort, onSort }: { column: Column; index: number; width: number; plain: boolean; sort?: TableSort; onSort?(column: string): void }) {
  const order = sort?.column === c.name ? (sort.descending ? 'descending' : 'ascending') : 'none'
  const missing = c.missing > 0 ? `${formatNumber(c.missing)} missing` : ''
  return (
    <div className={`cell role-${c.role}`} role="columnheader" aria-colindex={index + 2} aria-sort={onSort ? order : undefined} title={`${c.name}: ${c.type}, ${c.role}${missing && `, ${missing}`}`} style={{ width }}>
      {onSort ? (
        <button className="sort" onClick={() => onSort(c.name)} title={`Sort by ${c.name}`}>
          <strong>{c.name}</strong>
          {order !== 'none' && <span aria-hidden>{order === 'ascending' ? ' ▲' : ' ▼'}</span>}
        </button>
      ) : (
        <strong>{c.name}</strong>
      )}
      {!plain && (
        <span className="col-meta">
          {metaLine(c)}
          {missing && <span className="missing">{missing}</span>}
        </span>
      )}
    </div>
  )
}
