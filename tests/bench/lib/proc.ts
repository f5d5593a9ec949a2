import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const USAGE_PRELOAD = fileURLToPath(new URL('./report-usage.cjs', import.meta.url))
const SPAWNER = fileURLToPath(new URL('./spawner.cjs', import.meta.url))

export interface ProcResult {
  code: number | null
  stdout: string
  stderr: string
  /** Spawn to exit, as a user waiting on the command sees it. */
  wallMs: number
  /** User + system CPU time: less sensitive than wall time to other load on the machine. */
  cpuMs: number
  peakRssMB: number
}

interface SpawnAnswer {
  id: number
  code: number | null
  stdout: string
  stderr: string
  wallMs: number
}

/**
 * The small process that starts the timed ones (spawner.cjs), started on first use: forking the bench
 * itself, hundreds of MB by its later parts, made every start slower than a user's start from a shell.
 * It holds the event loop only while a request is out.
 */
class Spawner {
  private readonly child = spawn(process.execPath, [SPAWNER], { stdio: ['pipe', 'pipe', 'inherit'] })
  private readonly waiting = new Map<number, (a: SpawnAnswer) => void>()
  private next = 0

  constructor() {
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      const answer = JSON.parse(line) as SpawnAnswer
      this.waiting.get(answer.id)?.(answer)
      this.waiting.delete(answer.id)
      this.hold()
    })
    this.child.on('exit', (code) => {
      for (const done of this.waiting.values()) done({ id: -1, code: null, stdout: '', stderr: `the bench's spawner exited with ${code}`, wallMs: NaN })
      this.waiting.clear()
      spawner = undefined
    })
    this.child.unref()
  }

  run(request: { file: string; args: string[]; cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<SpawnAnswer> {
    const id = this.next++
    const answer = new Promise<SpawnAnswer>((done) => this.waiting.set(id, done))
    this.hold()
    this.child.stdin!.write(JSON.stringify({ id, ...request }) + '\n')
    return answer
  }

  /** Keeps this process alive while an answer is awaited, and only then. */
  private hold() {
    for (const stream of [this.child.stdin, this.child.stdout] as unknown as { ref(): void; unref(): void }[]) {
      if (this.waiting.size) stream.ref()
      else stream.unref()
    }
  }
}

let spawner: Spawner | undefined

/**
 * Runs a TypeScript entry point in a fresh Node process (`node --import tsx`, the loader
 * `npx tsx` uses, without npx's own start-up), measuring wall time, CPU time and peak RSS.
 * `tsx: false` runs a built JavaScript file without the loader; a launcher script runs under `sh`.
 * The process is started by the spawner (above), as from a shell.
 */
export async function runTs(script: string, args: string[], opts: { tsx?: boolean; timeoutMs?: number } = {}): Promise<ProcResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-usage-'))
  const usageFile = join(dir, 'usage.json')
  const loader = opts.tsx === false ? [] : ['--import', 'tsx']
  // A script without a JavaScript extension is a shell launcher (the CLI's, runtime/cli/pipeline).
  const launcher = !/\.[cm]?[jt]s$/.test(script)
  const preload = `--require ${JSON.stringify(USAGE_PRELOAD)}`
  const [file, argv] = launcher ? ['sh', [script, ...args]] : [process.execPath, [...loader, '--require', USAGE_PRELOAD, script, ...args]]
  const env = { ...process.env, BENCH_USAGE_FILE: usageFile, ...(launcher && { NODE_OPTIONS: [process.env.NODE_OPTIONS, preload].filter(Boolean).join(' ') }) }
  spawner ??= new Spawner()
  const { code, stdout, stderr, wallMs } = await spawner.run({ file, args: argv, cwd: ROOT, env, timeoutMs: opts.timeoutMs ?? 240_000 })
  const usage = JSON.parse(await readFile(usageFile, 'utf8').catch(() => '{}')) as { maxRssKiB?: number; cpuMs?: number }
  await rm(dir, { recursive: true, force: true })
  return { code, stdout, stderr, wallMs, cpuMs: usage.cpuMs ?? NaN, peakRssMB: (usage.maxRssKiB ?? NaN) / 1024 }
}

/** The last line of a process's stdout parsed as JSON; a plain error with its stderr tail otherwise. */
export function lastJson<T>(r: ProcResult, what: string): T {
  const line = r.stdout.trim().split('\n').pop() ?? ''
  try {
    return JSON.parse(line) as T
  } catch {
    throw new Error(`${what} exited with ${r.code} and no JSON report: ${r.stderr.trim().slice(-400)}`)
  }
}
