import Dexie, { type Table } from 'dexie'
import type { GraphDocument } from '../../runtime/document/schema'
import type { RunReport } from '../../runtime/exec/events'
import { KEEP_RUNS, runEntry, type CurveCollector, type RunEntry, type RunHistory } from '../../runtime/history/run-entry'

/** The browser's run history: one IndexedDB row per run, in a database of its own. */
class RunDb extends Dexie {
  runs!: Table<RunEntry, string>
  constructor() {
    super('mlcanvas-runs')
    this.version(1).stores({ runs: 'id, scope' })
  }
}

let db: RunDb | undefined
const open = () => (db ??= new RunDb())

/** The run history behind the Runs panel (same entries as the CLI's `pipeline runs`). */
export const browserRunHistory: RunHistory = {
  async add(entry) {
    await open().runs.put(entry)
    const count = await open().runs.count()
    if (count > KEEP_RUNS) await open().runs.bulkDelete(await open().runs.orderBy('id').limit(count - KEEP_RUNS).primaryKeys())
  },
  async list() {
    try {
      return await open().runs.orderBy('id').reverse().toArray()
    } catch {
      return []
    }
  },
}

/** Records a finished editor run under the tab's scope; storage trouble loses the record, never the run. */
export async function recordEditorRun(scope: string, doc: GraphDocument, report: RunReport, curves: CurveCollector): Promise<void> {
  try {
    const previous = (await browserRunHistory.list()).find((r) => r.scope === scope)
    await browserRunHistory.add(runEntry(doc, report, scope, previous, curves))
  } catch {
    // Private windows may refuse IndexedDB: the run itself stands.
  }
}
