import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'

const CLI = resolve('runtime/cli/bin.mjs')

/** A `pipeline` process a test started, with everything it printed so far. */
export interface Proc {
  child: ChildProcess
  out: string
  exited: Promise<number | null>
}

/** The `pipeline` processes a test starts (workers, a bridge, runs), stopped together at its end. */
export class CliProcesses {
  readonly started: Proc[] = []

  start(args: string[]): Proc {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    const proc: Proc = { child, out: '', exited: new Promise((r) => child.once('exit', (code) => r(code))) }
    child.stdout!.on('data', (d) => (proc.out += d))
    child.stderr!.on('data', (d) => (proc.out += d))
    this.started.push(proc)
    return proc
  }

  /** Signals every process still running and waits until all have exited. */
  async stopAll(signal: NodeJS.Signals): Promise<void> {
    for (const p of this.started) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill(signal)
    await Promise.all(this.started.map((p) => p.exited))
  }
}
