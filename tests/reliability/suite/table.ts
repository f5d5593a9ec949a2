/** One row of the reliability table: how many cases were tried and how each ended. */
export interface Row {
  name: string
  tried: number
  /** Refused or failed with a clear message (the right answer for bad input). */
  clean: number
  crash: number
  hang: number
  wrong: number
  lost: number
  /** First few problems, for the person reading a red table. */
  notes: string[]
}

export type Outcome = 'ok' | 'clean' | 'crash' | 'hang' | 'wrong' | 'lost'

export function newRow(name: string): Row {
  return { name, tried: 0, clean: 0, crash: 0, hang: 0, wrong: 0, lost: 0, notes: [] }
}

/** Counts one case; `note` describes a bad outcome (kept for the first five). */
export function record(row: Row, outcome: Outcome, note?: string): void {
  row.tried++
  if (outcome !== 'ok') row[outcome]++
  if (outcome !== 'ok' && outcome !== 'clean' && note && row.notes.length < 5) row.notes.push(note.slice(0, 400))
}

export const failures = (row: Row) => row.crash + row.hang + row.wrong + row.lost

/** The table as Markdown (the README shows a full run's). */
export function formatTable(rows: readonly Row[]): string {
  const head = '| case | tried | clean error | crash | hang | wrong | lost |\n|---|---:|---:|---:|---:|---:|---:|'
  const lines = rows.map((r) => `| ${r.name} | ${r.tried} | ${r.clean} | ${r.crash} | ${r.hang} | ${r.wrong} | ${r.lost} |`)
  const notes = rows.flatMap((r) => r.notes.map((n) => `- ${r.name}: ${n}`))
  return [head, ...lines, ...(notes.length ? ['', ...notes] : [])].join('\n')
}

/** The runtime's seeded PRNG (mulberry32), so a failing case can be replayed from its seed. */
export { seededRandom as rng } from '../../../runtime/exec/rng'

export const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]

/** Sizes of each row: `small` runs inside `npm test`, `full` is the published table. */
export const BUDGETS = {
  small: { documents: 100, cliDocuments: 1, csv: 100, corruptions: 0, kills: 0, concurrent: 0, repeats: 2, paths: 1, browser: 0 },
  full: { documents: 10_000, cliDocuments: 100, csv: 1000, corruptions: 100, kills: 50, concurrent: 10, repeats: 50, paths: 1, browser: 1 },
} as const
export type Budget = { [K in keyof (typeof BUDGETS)['full']]: number }
