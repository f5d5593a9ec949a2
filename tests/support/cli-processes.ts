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

  /**
   * Signals every process still running and waits until all have exited. A worker stopped by SIGTERM
   * finishes its job first, which on a loaded machine outlasted the hook's timeout once: after
   * `graceMs` whatever is still running is killed.
   */
  async stopAll(signal: NodeJS.Signals, graceMs = 15_000): Promise<void> {
    const running = () => this.started.filter((p) => p.child.exitCode === null && p.child.signalCode === null)
    for (const p of running()) p.child.kill(signal)
    let timer: NodeJS.Timeout | undefined
    const grace = new Promise<void>((r) => (timer = setTimeout(r, graceMs)))
    await Promise.race([Promise.all(this.started.map((p) => p.exited)), grace])
    clearTimeout(timer)
    for (const p of running()) p.child.kill('SIGKILL')
    await Promise.all(this.started.map((p) => p.exited))
  }
}
