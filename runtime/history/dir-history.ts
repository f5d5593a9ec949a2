import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs'
import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { KEEP_RUNS, type RunEntry, type RunHistory } from './run-entry'

/**
 * The tag in a run file's name that says which graph ran (`<id>.<tag>.json`): the first 12 hex digits
 * of the scope's SHA-1. Finding a graph's previous run then reads only that graph's files, not every
 * run of every graph that shares the cache directory (the default one is shared by all).
 */
const scopeTag = (scope: string) => createHash('sha1').update(scope).digest('hex').slice(0, 12)

/** The tag of a file named `<id>.<tag>.json`; undefined for the untagged `<id>.json` of earlier versions. */
const tagOf = (file: string): string | undefined => file.split('.').at(-2)?.match(/^[0-9a-f]{12}$/)?.[0]

/** The run files among a folder's names (not the temporary ones of writes in progress). */
const runFiles = (names: string[]) => names.filter((f) => f.endsWith('.json') && !f.startsWith('.'))

/**
 * Run history in `<cache dir>/runs`: one JSON file per run, written to a temporary name and
 * renamed, so concurrent processes never rewrite a shared file and a killed writer leaves no
 * half entry. Unreadable files are skipped. It keeps the newest KEEP_RUNS runs, as the editor does.
 */
export class DirRunHistory implements RunHistory {
  private readonly dir: string
  constructor(cacheDir: string) {
    this.dir = join(cacheDir, 'runs')
  }

  /**
   * Adds a run, then deletes the oldest beyond KEEP_RUNS. A few KB, written with blocking calls: the CLI
   * records its run once the report is out and has nothing else to do, and each call through the thread
   * pool cost it a hop (the record took 4.0-4.7 ms after the report, now 3.0-3.7).
   */
  async add(entry: RunEntry): Promise<void> {
    mkdirSync(this.dir, { recursive: true })
    const name = `${entry.id}.${scopeTag(entry.scope)}.json`
    const tmp = join(this.dir, `.${name}.${process.pid}.tmp`)
    writeFileSync(tmp, JSON.stringify(entry))
    renameSync(tmp, join(this.dir, name))
    const files = runFiles(readdirSync(this.dir)).sort()
    // A parallel process may delete the same file first: force.
    await Promise.all(files.slice(0, Math.max(0, files.length - KEEP_RUNS)).map((f) => rm(join(this.dir, f), { force: true })))
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
   * until one matches, and only files tagged with that scope (or untagged ones): every CLI run asks this.
   */
  async latest(scope: string): Promise<RunEntry | undefined> {
    const tag = scopeTag(scope)
    // Run ids are time-ordered and start the names, so names sort oldest first.
    for (const f of (await this.files()).sort().reverse()) {
      const tagged = tagOf(f)
      if (tagged !== undefined && tagged !== tag) continue
      const run = await this.read(f)
      if (run?.scope === scope) return run
    }
    return undefined
  }

  private async files(): Promise<string[]> {
    return runFiles(await readdir(this.dir).catch(() => [] as string[]))
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
