import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { RunEntry, RunHistory } from './run-entry'

/**
 * Run history in `<cache dir>/runs`: one JSON file per run, written to a temporary name and
 * renamed, so concurrent processes never rewrite a shared file and a killed writer leaves no
 * half entry. Unreadable files are skipped.
 */
export class DirRunHistory implements RunHistory {
  private readonly dir: string
  constructor(cacheDir: string) {
    this.dir = join(cacheDir, 'runs')
  }

  async add(entry: RunEntry): Promise<void> {
    await mkdir(this.dir, { recursive: true })
    const tmp = join(this.dir, `.${entry.id}.${process.pid}.tmp`)
    await writeFile(tmp, JSON.stringify(entry))
    await rename(tmp, join(this.dir, `${entry.id}.json`))
  }

  async list(): Promise<RunEntry[]> {
    const files = (await readdir(this.dir).catch(() => [] as string[])).filter((f) => f.endsWith('.json') && !f.startsWith('.'))
    const runs: RunEntry[] = []
    for (const f of files) {
      try {
        const run = JSON.parse(await readFile(join(this.dir, f), 'utf8')) as RunEntry
        if (typeof run.id === 'string' && typeof run.at === 'string') runs.push(run)
      } catch {
        // A damaged file is one run fewer, never a failed listing.
      }
    }
    return runs.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
  }
}
