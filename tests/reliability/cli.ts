import { execFile } from 'node:child_process'
import { resolve } from 'node:path'

// The public entry (`npm run pipeline`): a launcher that runs the bundled CLI.
const CLI = resolve('runtime/cli/bin.mjs')

export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/** Runs the CLI in a new process; never rejects. `timeoutMs` kills it (SIGKILL) when it hangs. */
export function cli(args: string[], opts: { timeoutMs?: number; cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { maxBuffer: 64 * 2 ** 20, timeout: opts.timeoutMs ?? 60_000, killSignal: 'SIGKILL', cwd: opts.cwd, env: opts.env },
      (error, stdout, stderr) => {
        const e = error as (Error & { code?: number | string; signal?: NodeJS.Signals }) | null
        const code = e ? (typeof e.code === 'number' ? e.code : null) : 0
        done({ code, signal: e?.signal ?? null, stdout, stderr })
      },
    )
  })
}
