import { readdirSync, readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'

/** Linux counts CPU time in /proc in clock ticks of 1/100 s (USER_HZ). */
const TICK_MS = 10

/** A process this one started (directly or not) that is still there. */
interface Leftover {
  pid: number
  name: string
  /** User + system CPU time so far, in ms. */
  cpuMs: number
}

/** pid, parent pid, name and CPU time of one /proc/<pid>/stat; undefined once the process is gone. */
function readStat(pid: number): (Leftover & { ppid: number }) | undefined {
  let line: string
  try {
    line = readFileSync(`/proc/${pid}/stat`, 'latin1')
  } catch {
    return undefined
  }
  // The name is in parentheses and may hold spaces; the fields after it are space-separated.
  const close = line.lastIndexOf(')')
  const fields = line.slice(close + 2).split(' ')
  return { pid, name: line.slice(line.indexOf('(') + 1, close), ppid: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS }
}

/** Every process descended from this one, from /proc; none where there is no /proc. */
function leftoverProcesses(root = process.pid): Leftover[] {
  let pids: number[]
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number)
  } catch {
    return []
  }
  const children = new Map<number, Leftover[]>()
  for (const pid of pids) {
    const s = readStat(pid)
    if (!s) continue
    children.set(s.ppid, [...(children.get(s.ppid) ?? []), { pid: s.pid, name: s.name, cpuMs: s.cpuMs }])
  }
  const found: Leftover[] = []
  for (let queue = [root]; queue.length; ) {
    for (const child of children.get(queue.pop()!) ?? []) {
      found.push(child)
      queue.push(child.pid)
    }
  }
  return found
}

/** CPU time all cores spent busy since boot, in ms (/proc/stat); undefined where there is none. */
export function machineBusyMs(): number | undefined {
  try {
    const [, ...ticks] = readFileSync('/proc/stat', 'latin1').split('\n')[0].trim().split(/\s+/).map(Number)
    // user nice system idle iowait irq softirq steal: all but idle and iowait are busy.
    return (ticks.slice(0, 8).reduce((a, b) => a + b, 0) - ticks[3] - ticks[4]) * TICK_MS
  } catch {
    return undefined
  }
}

/**
 * What a part should know before it starts: processes an earlier part left running (and whether they
 * still use CPU), and how busy the machine is, sampled over `ms`. Wall-time ratios of a part that starts
 * on a busy machine read low: with Linux's autogroup scheduling a second thread of ours gets little more
 * CPU while other sessions keep the cores busy. Returns warnings to print (none when all is quiet).
 */
export async function checkQuiet(part: string, ms = 1000): Promise<string[]> {
  const before = new Map(leftoverProcesses().map((p) => [p.pid, p.cpuMs]))
  const busy0 = machineBusyMs()
  await sleep(ms)
  const busy1 = machineBusyMs()
  const warnings: string[] = []
  const running = leftoverProcesses().filter((p) => p.cpuMs > (before.get(p.pid) ?? Infinity))
  if (running.length) {
    warnings.push(`before ${part}: processes started earlier still use CPU: ${running.map((p) => `${p.name} (pid ${p.pid})`).join(', ')}`)
  }
  if (busy0 !== undefined && busy1 !== undefined) {
    // Clock ticks make a short sample coarse: never more cores than there are.
    const cores = Math.min(availableParallelism(), (busy1 - busy0) / ms)
    if (cores > 0.25) warnings.push(`before ${part}: the machine was busy (${cores.toFixed(1)} of ${availableParallelism()} cores in use); its wall times and ratios read low`)
  }
  return warnings
}
