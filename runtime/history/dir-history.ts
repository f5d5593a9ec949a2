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
    const runs: RunEntry[] = []
    for (const f of await this.files()) {
      const run = await this.read(f)
      if (run) runs.push(run)
    }
    return runs.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
  }

  /**
   * The newest readable run of `scope`, as `list().find(…)` would give, reading files newest first only
   * until one matches: every CLI run asks this, and the folder keeps every run's document and curves.
   */
  async latest(scope: string): Promise<RunEntry | undefined> {
    // Run ids are time-ordered and name their files, so names sort oldest first.
    for (const f of (await this.files()).sort().reverse()) {
      const run = await this.read(f)
      if (run?.scope === scope) return run
    }
    return undefined
  }

  private async files(): Promise<string[]> {
    return (await readdir(this.dir).catch(() => [] as string[])).filter((f) => f.endsWith('.json') && !f.startsWith('.'))
  }

  private async read(file: string): Promise<RunEntry | undefined> {
    try {
      const run = JSON.parse(await readFile(join(this.dir, file), 'utf8')) as RunEntry
      if (typeof run.id === 'string' && typeof run.at === 'string') return run
    } catch {
      // A damaged file is one run fewer, never a failed listing.
    }
    return undefined
  }
}
