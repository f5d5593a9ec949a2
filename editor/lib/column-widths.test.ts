import { describe, expect, it } from 'vitest'
import { COL_MAX, COL_MIN, columnWidths, fitWidths } from './column-widths'

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

  it('narrows a few columns to fit the box when that cuts nothing, and leaves them when it would', () => {
    // A search's trials table: 7 columns, 865 px wide at their own widths.
    const columns = ['trial', 'opt.learningRate', 'spec.layers.0.units', 'accuracy', 'status', 'ran on', 'seconds'].map((name, j) => ({
      name,
      type: j === 4 || j === 5 ? 'categorical' : 'numeric',
      role: 'feature',
    }))
    const head = [['1', '0.00341082', '4', '0.775', 'ran', 'pool workers 1, 2', '0.45']]
    const wide = columnWidths(columns, head, measure)
    expect(wide.reduce((a, b) => a + b)).toBe(865)
    const fit = fitWidths(columns, head, measure, 740)
    expect(fit.reduce((a, b) => a + b)).toBeLessThanOrEqual(740)
    fit.forEach((w, j) => {
      expect(w).toBeLessThanOrEqual(wide[j])
      // The name on two lines, the widest cell, and the type line ("num · feature" in 11 px) still fit.
      const meta = (13 * 7 * 11) / 13 + 18
      expect(w).toBeGreaterThanOrEqual(Math.max(meta, (columns[j].name.length * 8 + 14) / 2 + 18 + 8, head[0][j].length * 7 + 18))
    })
    expect(fitWidths(columns, head, measure, 900)).toEqual(wide)
    // Narrower than the narrowest: the table keeps its widths and scrolls sideways.
    expect(fitWidths(columns, head, measure, 600)).toEqual(wide)
  })
})
