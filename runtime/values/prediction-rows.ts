import type { Predictions } from './ml'

/**
 * What names each row of a predictions table (the editor's and `--out` files): the scored rows' ID
 * columns, else the row's number from 1.
 */
export function rowNames(ids: Predictions['ids']): { header: string[]; of: (row: number) => (string | number)[] } {
  if (!ids?.length) return { header: ['row'], of: (row) => [row + 1] }
  return { header: ids.map((c) => c.name), of: (row) => ids.map((c) => c.values[row] ?? '') }
}
