import { describe, expect, it } from 'vitest'
import type { Dataset } from '../../runtime/values/dataset'
import { cells, params, paramsError, runNode, testContext, textFile } from '../../tests/support/table-testing'
import { csvNode } from './csv'
import { parseCommaNumber } from '../../ml/table/cast'
import { parseCsvText } from './csv-parse'

const load = async (text: string, given: Record<string, unknown> = {}) =>
  (await runNode(csvNode, {}, { path: 'data.csv', ...given }, { path: textFile(text) })).data as Dataset

const roles = (d: Dataset) => Object.fromEntries(d.columns.map((c) => [c.name, `${c.type}/${c.role}`]))

describe('data.csv', () => {
  it('reads a header, infers types and makes the last column the target', async () => {
    const d = await load('age,city,bought\n31,Paris,yes\n45,Lyon,no\n27,Paris,yes\n')
    expect(d.rows).toBe(3)
    expect(roles(d)).toEqual({ age: 'numeric/feature', city: 'categorical/feature', bought: 'categorical/target' })
    expect(cells(d, 'age')).toEqual([31, 45, 27])
    expect(cells(d, 'city')).toEqual(['Paris', 'Lyon', 'Paris'])
    expect(d.columns[1]).toMatchObject({ categories: ['Lyon', 'Paris'] })
    expect(d.steps.map((s) => s.type)).toEqual(['data.csv'])
  })

  it('detects semicolons and tabs, strips a BOM, reads quoted fields with delimiters and newlines', async () => {
    const semi = await load('\uFEFFa;b;c\n1,5;"x;y";2\n3;"line\nbreak";4\n')
    expect(semi.columns.map((c) => c.name)).toEqual(['a', 'b', 'c'])
    // "1,5" in a semicolon file is a number with a decimal comma (below).
    expect(cells(semi, 'a')).toEqual([1.5, 3])
    expect(cells(semi, 'b')).toEqual(['x;y', 'line\nbreak'])
    const tsv = await load('a\tb\n1\t2\n3\t4\n')
    expect(cells(tsv, 'b')).toEqual([2, 4])
    const crlf = await load('a\tb\r\n1\t"x\r\ny"\r\n3\t4\r\n')
    expect(cells(crlf, 'b')).toEqual(['x\r\ny', '4'])
    await expect(load('a,b\r\n1,2\r\n3\r\n')).rejects.toThrow('Line 3 has 1 field, expected 2')
    const twoSemi = await load('a;b\n1;2\n3;4\n')
    expect(cells(twoSemi, 'b')).toEqual([2, 4])
  })

  it('reads decimal commas in a file that is not comma-separated, as European spreadsheets export it', async () => {
    const text = '\uFEFFDatum;Umsatz;Temperatur;Kunden;Region\n04.08.2024;476,84;25,3;36;Ost\n05.08.2024;1.616,75;-0,5;117;Süd\n06.08.2024;12;1,25e1;2;Ost\n'
    const d = await load(text)
    expect(roles(d)).toEqual({ Datum: 'categorical/feature', Umsatz: 'numeric/feature', Temperatur: 'numeric/feature', Kunden: 'numeric/feature', Region: 'categorical/target' })
    expect(cells(d, 'Umsatz')).toEqual([476.84, 1616.75, 12])
    expect(cells(d, 'Temperatur')).toEqual([25.3, -0.5, 12.5])
    expect(cells(d, 'Datum')).toEqual(['04.08.2024', '05.08.2024', '06.08.2024'])
    // Forced to a point, those cells are text again; a comma-separated file keeps its points.
    const point = await load(text, { decimal: 'point' })
    expect(point.columns.find((c) => c.name === 'Umsatz')!.type).toBe('categorical')
    expect(cells(await load('a;b\n1.5;x\n2,5;y\n3.25;z\n'), 'a')).toEqual(['1.5', '2,5', '3.25'])
    expect(cells(await load('a,b\n"1,5",x\n2.5,y\n'), 'a')).toEqual(['1,5', '2.5'])
    // Without a header the first row is data, read the same way.
    const bare = await load('1,5;2\n3,25;4\n', { delimiter: 'semicolon' })
    expect(bare.columns.map((c) => c.name)).toEqual(['column_1', 'column_2'])
    expect(cells(bare, 'column_1')).toEqual([1.5, 3.25])
    expect(cells(await load('x;y\n1,5;a\n2;b\n', { decimal: 'comma' }), 'x')).toEqual([1.5, 2])
    // One comma in each header name and each number: every row splits evenly at both, which papaparse's guess took
    // for comma-separated. The semicolon separates; with an empty cell the commas no longer split evenly either.
    const named = await load('m 1 (raw, cm);m 2 (raw, cm)\n6,42;-1,44\n1,5;2,75\n')
    expect(named.columns.map((c) => c.name)).toEqual(['m 1 (raw, cm)', 'm 2 (raw, cm)'])
    expect(cells(named, 'm 2 (raw, cm)')).toEqual([-1.44, 2.75])
    expect(cells(await load('m 1 (raw, cm);m 2 (raw, cm);k\n6,42;-1,44;1\n1,5;;2\n2,25;3,5;3\n'), 'm 2 (raw, cm)')).toEqual([-1.44, null, 3.5])
    expect(cells(await load('a\tb\nx, y\t1\nz\t2\n'), 'a')).toEqual(['x, y', 'z'])
    // Dots group thousands only after 1-3 digits that do not start with 0.
    expect(['1.250', '12.345.678,9', '0.125', '1.5', '1.2345', ',5', '-3,'].map(parseCommaNumber)).toEqual([1250, 12345678.9, undefined, undefined, undefined, 0.5, -3])
  })

  it('reads every missing-value token as missing, plus user tokens', async () => {
    const d = await load('x,y\n1,a\n,b\nNA,c\nNaN,d\nnull,e\n?,f\nN/A,g\n-99,h\n', { missing: '-99' })
    expect(cells(d, 'x')).toEqual([1, null, null, null, null, null, null, null])
    expect(d.columns[0].type).toBe('numeric')
  })

  it('detects a missing header and names columns', async () => {
    const d = await load('1,2,a\n3,4,b\n')
    expect(d.columns.map((c) => c.name)).toEqual(['column_1', 'column_2', 'column_3'])
    expect(d.rows).toBe(2)
    const forced = await load('x,y\nu,v\n', { header: 'no' })
    expect(forced.rows).toBe(2)
  })

  it('applies type overrides, a chosen target, ID columns and no-target mode', async () => {
    const text = 'id,zip,score,label\n1,75001,0.5,a\n2,69001,0.7,b\n'
    const d = await load(text, { types: 'zip:categorical', target: 'score', ids: ['id'] })
    expect(roles(d)).toEqual({
      id: 'numeric/id',
      zip: 'categorical/feature',
      score: 'numeric/target',
      label: 'categorical/feature',
    })
    const u = await load(text, { noTarget: true })
    expect(u.columns.every((c) => c.role === 'feature')).toBe(true)
  })

  it('dedupes and fills header names', async () => {
    const d = await load('a,a,,b\n1,2,3,4\n')
    expect(d.columns.map((c) => c.name)).toEqual(['a', 'a.1', 'column_3', 'b'])
  })

  it('names the line of a ragged row, counting quoted newlines', async () => {
    const rows = ['a,b,c,d', ...Array.from({ length: 15 }, (_, i) => `${i},1,2,3`), '1,2,3,4,5']
    await expect(load(rows.join('\n'))).rejects.toThrow('Line 17 has 5 fields, expected 4')
    await expect(load('a,b\n"x\ny",1\n1\n')).rejects.toThrow('Line 4 has 1 field, expected 2')
  })

  it('refuses empty input, a missing file, an unclosed quote and bad overrides', async () => {
    await expect(load('')).rejects.toThrow('The file is empty')
    await expect(load('\n\n  \n')).rejects.toThrow('The file is empty')
    await expect(load(',,\n,,\n')).rejects.toThrow('The file has no columns')
    await expect(load('a,b\n')).rejects.toThrow('header row but no data rows')
    await expect(load('a,b\n1,"2\n3,4\n')).rejects.toThrow('Line 2: a quoted field is never closed')
    await expect(load('a,b\n1,2\n', { types: 'c:numeric' })).rejects.toThrow('types: no column named "c"')
    await expect(load('a,b\n1,2\n', { types: 'a:text' })).rejects.toThrow('must be numeric or categorical')
    await expect(load('a,b\n1,2\n', { target: 'z' })).rejects.toThrow('Target column "z" not found. Available columns')
    await expect(runNode(csvNode, {}, {})).rejects.toThrow('Choose a CSV file')
  })

  it('refuses a file over 200 MB before decoding it', async () => {
    const huge = { name: 'big.csv', hash: 'h', bytes: { byteLength: 250 * 1024 * 1024 } as Uint8Array }
    await expect(runNode(csvNode, {}, { path: 'big.csv' }, { path: huge })).rejects.toThrow(
      'The file "big.csv" is 250 MB; the limit is 200 MB',
    )
  })

  it('parses in chunks with progress, and stops when cancelled', async () => {
    const text = 'a,b\n' + Array.from({ length: 2000 }, (_, i) => `${i},${i * 2}`).join('\n')
    const rows: string[][] = []
    const lines: number[] = []
    const collect = () => ({ push: (row: readonly string[], line: number) => void (rows.push([...row]), lines.push(line)) })
    const seen: number[] = []
    const opts = { delimiter: 'auto', header: 'auto' } as const
    const shape = await parseCsvText(text, opts, collect, { chunkSize: 1000, progress: (f) => seen.push(f) })
    expect(shape).toEqual({ header: ['a', 'b'], delimiter: ',', hasHeader: true, decimal: 'point' })
    expect(rows).toHaveLength(2000)
    expect(rows[1999]).toEqual(['1999', '3998'])
    expect(lines[1999]).toBe(2001)
    expect(seen.length).toBeGreaterThan(10)
    expect(seen.at(-1)).toBe(1)
    const abort = new AbortController()
    abort.abort()
    await expect(parseCsvText(text, opts, collect, { chunkSize: 1000, signal: abort.signal })).rejects.toThrow('Cancelled')
  })

  it('streams long files: header decided after a sample, late text turns a column categorical', async () => {
    const noHeader = await load(Array.from({ length: 450 }, (_, i) => `${i},${i % 3}`).join('\n'))
    expect(noHeader.rows).toBe(450)
    expect(cells(noHeader, 'column_1').slice(0, 2)).toEqual([0, 1])
    // 20 words among 300 numbers (6.2%) is more than a few dirty cells: the column is text.
    const words = Array.from({ length: 20 }, (_, i) => `big${i % 4},b`).join('\n')
    const late = await load('x,y\n' + Array.from({ length: 300 }, (_, i) => `${i % 2 ? 1.5 : 2},a`).join('\n') + `\n${words}\n,b\n`)
    expect(late.columns[0]).toMatchObject({ type: 'categorical', categories: ['1.5', '2', 'big0', 'big1', 'big2', 'big3'] })
    expect(cells(late, 'x').slice(-3)).toEqual(['big2', 'big3', null])
  })

  it('reads numbers a spreadsheet formatted: currency and percent signs, thousands separators', async () => {
    // An Excel export of formatted cells: quoted where the grouping comma would split the row.
    const text = 'price,rate,visits,fee,city\n"$1,234.50",45%,"1,200",€5,Paris\n$-12,12.5%,999,€ 7.25,Lyon\n"-$3,000",-0.5%,"12,345,678",€0,Nice\n'
    const { ctx, infos, warnings } = testContext({ files: { path: textFile(text) } })
    const d = (await csvNode.run({}, params(csvNode, { path: 'x.csv' }), ctx)).data as Dataset
    expect(roles(d)).toEqual({ price: 'numeric/feature', rate: 'numeric/feature', visits: 'numeric/feature', fee: 'numeric/feature', city: 'categorical/target' })
    expect(cells(d, 'price')).toEqual([1234.5, -12, -3000])
    expect(cells(d, 'rate')).toEqual([0.45, 0.125, -0.005])
    expect(cells(d, 'visits')).toEqual([1200, 999, 12345678])
    expect(cells(d, 'fee')).toEqual([5, 7.25, 0])
    expect(infos).toEqual([
      'Column "price" is read as amounts in $ ("$1,234.50" is 1234.5).',
      'Column "rate" is read as percentages ("45%" is 0.45).',
      'Column "visits" is read as numbers with thousands separators ("1,200" is 1200).',
      'Column "fee" is read as amounts in € ("€5" is 5).',
    ])
    expect(warnings).toEqual([])
    // The summary keeps them, so a cached result still says how its numbers were read.
    expect(csvNode.summarize!({ data: d }, params(csvNode))).toMatchObject({ notes: infos })
    // With decimal commas, as a French or German export writes them: the sign after, groups of dots or spaces.
    const eu = await load('Preis;Anteil;Ort\n1.234,50 €;12,5 %;Ost\n"1 999,00 €";3 %;Süd\n7 €;100 %;Ost\n')
    expect(cells(eu, 'Preis')).toEqual([1234.5, 1999, 7])
    expect(cells(eu, 'Anteil')).toEqual([0.125, 0.03, 1])
  })

  it('keeps a column that mixes its ways of writing numbers as text, and names a word among formatted numbers', async () => {
    // A sign on some numbers only, or two signs: the reading would be a guess.
    expect(cells(await load('a,b\n$5,x\n7,y\n'), 'a')).toEqual(['$5', '7'])
    expect(cells(await load('a,b\n$5,x\n€7,y\n'), 'a')).toEqual(['$5', '€7'])
    expect(cells(await load('a,b\n5%,x\n0.5,y\n'), 'a')).toEqual(['5%', '0.5'])
    // "1,5" is no grouping; codes and words stay text.
    expect(cells(await load('a,b\n"1,5",x\n2,y\n'), 'a')).toEqual(['1,5', '2'])
    expect(cells(await load('a,b\nUS$,x\n$,y\n#5,z\n'), 'a')).toEqual(['US$', '$', '#5'])
    // One word in 40 amounts: numeric, the word missing and named, as any dirty cell.
    const rows = Array.from({ length: 40 }, (_, i) => (i === 7 ? 'n/v' : `"$${i + 1},000.00"`))
    const { ctx, warnings } = testContext({ files: { path: textFile('amount\n' + rows.join('\n') + '\n') } })
    const d = (await csvNode.run({}, params(csvNode, { path: 'x.csv', noTarget: true }), ctx)).data as Dataset
    expect(cells(d, 'amount').slice(6, 9)).toEqual([7000, null, 9000])
    expect(warnings[0]).toMatch(/^Column "amount" is numeric except 1 cell \(2\.5%\), read as missing: "n\/v" on line 9\./)
    // Forced numeric, each cell that reads is taken, whatever its sign.
    expect(cells(await load('a,b\n$5,x\n€7,y\nz,w\n', { types: 'a:numeric' }), 'a')).toEqual([5, 7, null])
  })

  it('keeps a numeric column with a few dirty cells numeric: those cells are missing, the warning names their lines', async () => {
    // 200 floats, "abc" on line 21 (the header is line 1): 1 cell in 200 = 0.5%.
    const rows = Array.from({ length: 200 }, (_, i) => `${i === 19 ? 'abc' : (i * 0.5).toFixed(1)},${i % 2}`)
    const { ctx, warnings } = testContext({ files: { path: textFile('x,y\n' + rows.join('\n')) } })
    const d = (await csvNode.run({}, params(csvNode, { path: 'x.csv' }), ctx)).data as Dataset
    expect(d.columns[0].type).toBe('numeric')
    expect(cells(d, 'x').slice(18, 22)).toEqual([9, null, 10, 10.5])
    const warning =
      'Column "x" is numeric except 1 cell (0.5%), read as missing: "abc" on line 21. ' +
      'Fix the data, add the text to the missing-value tokens, or set "x:categorical" in Column types to keep it as text.'
    expect(warnings).toEqual([warning])
    // The summary repeats it, so a cached result still shows it.
    expect(csvNode.summarize!({ data: d }, params(csvNode))).toMatchObject({ rows: 200, missing: 1, warnings: [warning] })
    // At the threshold: 5 odd cells in 100 non-missing (5%) stay numeric, naming the first five; 6 in 100 do not.
    const at = (odd: number) => 'v\n' + Array.from({ length: 100 }, (_, i) => (i < odd ? `n${i}` : String(i))).join('\n') + '\n\n'
    const five = testContext({ files: { path: textFile(at(5)) } })
    const fiveD = (await csvNode.run({}, params(csvNode, { path: 'x.csv', noTarget: true }), five.ctx)).data as Dataset
    expect(fiveD.columns[0].type).toBe('numeric')
    expect(five.warnings[0]).toContain('except 5 cells (5.0%), read as missing: "n0" on line 2, "n1" on line 3, "n2" on line 4, "n3" on line 5, "n4" on line 6.')
    expect((await load(at(6), { noTarget: true })).columns[0].type).toBe('categorical')
    // Set numeric explicitly: every non-number is missing, however many.
    const forced = testContext({ files: { path: textFile('a,b\n1,2\nx,2\ny,3\n') } })
    const f = (await csvNode.run({}, params(csvNode, { path: 'x.csv', types: 'a:numeric' }), forced.ctx)).data as Dataset
    expect(cells(f, 'a')).toEqual([1, null, null])
    expect(forced.warnings[0]).toMatch(/^Column "a" was set to numeric except 2 cells \(67%\), read as missing: "x" on line 3, "y" on line 4\./)
    // Set categorical: the dirty cell keeps its text.
    expect(cells(await load('x,y\n' + rows.join('\n'), { types: 'x:categorical' }), 'x')[19]).toBe('abc')
  })

  it('says in its summary what the target is for: classes for a few integers, else regression', async () => {
    const ints = await load('a,target\n' + Array.from({ length: 12 }, (_, i) => `${i},${i % 3}`).join('\n'))
    expect(csvNode.summarize!({ data: ints }, params(csvNode))).toMatchObject({ target: 'target', task: 'classification · 3 classes' })
    const floats = await load('a,target\n' + Array.from({ length: 12 }, (_, i) => `${i},${i / 4}`).join('\n'))
    expect(csvNode.summarize!({ data: floats }, params(csvNode))).toMatchObject({ task: 'regression' })
  })

  it('warns when no feature column is numeric', async () => {
    const { ctx, warnings } = testContext({ files: { path: textFile('city,y\nRome,a\nOslo,b\n') } })
    await csvNode.run({}, params(csvNode, { path: 'x.csv' }), ctx)
    expect(warnings).toEqual(['No feature column is numeric: add a One-hot or Ordinal encoding node (or Cast column types) before a model.'])
  })

  it('has valid defaults and rejects bad params', () => {
    expect(params(csvNode)).toMatchObject({ delimiter: 'auto', header: 'auto', target: '' })
    expect(paramsError(csvNode, { delimiter: 'colon' })).toMatch(/delimiter/)
  })
})
