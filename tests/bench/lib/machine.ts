import { cpus, totalmem } from 'node:os'

/** The machine a run measured, in one line: CPU model, cores, memory, Node version. */
export function describeMachine(): string {
  const cpu = cpus()
  const model = cpu[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU'
  return `${model}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`
}
