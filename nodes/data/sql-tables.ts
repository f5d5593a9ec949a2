import type { Database, SqlValue } from 'sql.js'
import type { Dataset } from '../../runtime/values/dataset'

/** Tables in and out of SQLite: datasets become tables (numbers REAL, categories TEXT, missing NULL). */

/** An SQL identifier, quoted so any column name (spaces, quotes, keywords) is safe. */
export const quoteName = (name: string) => `"${name.replaceAll('"', '""')}"`

/** Creates table `name` holding `d`'s rows, in one transaction. */
export function createTable(db: Database, name: string, d: Dataset): void {
  const cols = d.columns.map((c) => `${quoteName(c.name)} ${c.type === 'numeric' ? 'REAL' : 'TEXT'}`).join(', ')
  db.run(`DROP TABLE IF EXISTS ${quoteName(name)}; CREATE TABLE ${quoteName(name)} (${cols})`)
  if (d.rows === 0 || d.columns.length === 0) return
  const insert = db.prepare(`INSERT INTO ${quoteName(name)} VALUES (${d.columns.map(() => '?').join(', ')})`)
  const row: SqlValue[] = new Array(d.columns.length)
  db.run('BEGIN')
  try {
    for (let i = 0; i < d.rows; i++) {
      d.columns.forEach((c, j) => {
        if (c.type === 'numeric') row[j] = Number.isNaN(c.values[i]) ? null : c.values[i]
        else row[j] = c.codes[i] < 0 ? null : c.categories[c.codes[i]]
      })
      insert.run(row)
    }
    db.run('COMMIT')
  } finally {
    insert.free()
  }
}

/** The tables and views a query can read, for messages. */
export function tableNames(db: Database): string[] {
  const r = db.exec("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name")
  return (r[0]?.values ?? []).map((v) => String(v[0]))
}
