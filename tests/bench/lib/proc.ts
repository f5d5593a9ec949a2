import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const USAGE_PRELOAD = fileURLToPath(new URL('./report-usage.cjs', import.meta.url))

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

/**
 * Runs a TypeScript entry point in a fresh Node process (`node --import tsx`, the loader
 * `npx tsx` uses, without npx's own start-up), measuring wall time, CPU time and peak RSS.
 * `tsx: false` runs a built JavaScript file without the loader; a launcher script runs under `sh`.
 */
export async function runTs(script: string, args: string[], opts: { tsx?: boolean; timeoutMs?: number } = {}): Promise<ProcResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-usage-'))
  const usageFile = join(dir, 'usage.json')
  const t0 = performance.now()
  const loader = opts.tsx === false ? [] : ['--import', 'tsx']
  // A script without a JavaScript extension is a shell launcher (the CLI's, runtime/cli/pipeline).
  const launcher = !/\.[cm]?[jt]s$/.test(script)
  const preload = `--require ${JSON.stringify(USAGE_PRELOAD)}`
  const [file, argv] = launcher ? ['sh', [script, ...args]] : [process.execPath, [...loader, '--require', USAGE_PRELOAD, script, ...args]]
  const child = spawn(file, argv, {
    cwd: ROOT,
    env: { ...process.env, BENCH_USAGE_FILE: usageFile, ...(launcher && { NODE_OPTIONS: [process.env.NODE_OPTIONS, preload].filter(Boolean).join(' ') }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => (stdout += d))
  child.stderr.on('data', (d) => (stderr += d))
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 240_000)
  const code = await new Promise<number | null>((done) => child.on('close', done))
  clearTimeout(timer)
  const wallMs = performance.now() - t0
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
