import { describe, expect, it } from 'vitest'
import { COL_MAX, COL_MIN, columnWidths } from './column-widths'

/** 7 px a character, 8 in bold. */
const measure = (text: string, bold: boolean) => text.length * (bold ? 8 : 7)

describe('columnWidths', () => {
  it('gives short columns the narrowest width, and a name or a cell that needs more its room', () => {
    const columns = [{ name: 'x' }, { name: 'opt.learningRate' }, { name: 'ran on' }]
    const head = [['1', '0.1', 'pool worker 1'], ['2', '0.2', 'pool workers 1, 2, 3, 4']]
    const [x, name, cell] = columnWidths(columns, head, measure)
    expect(x).toBe(COL_MIN)
    expect(name).toBe(16 * 8 + 14 + 18)
    expect(cell).toBe(23 * 7 + 18)
  })

  it('wraps a long name on two lines within the widest column, and stops there', () => {
    const long = 'q5_share_of_customers_active_in_the_last_quarter' // 48 characters: 398 px on one line
    const longer = long.repeat(3)
    const [two, cut] = columnWidths([{ name: long }, { name: longer }], [], measure)
    expect(two).toBe(Math.ceil((48 * 8 + 14) / 2 + 18 + 8))
    expect(two).toBeLessThan(COL_MAX)
    expect(cut).toBe(COL_MAX)
  })
})
