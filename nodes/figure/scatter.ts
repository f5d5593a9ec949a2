import { defineNode, paramsUnchanged } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import type { Column, Dataset, NumericColumn } from '../../runtime/values/dataset'
import type { Series } from '../../runtime/values/figure'
import { getColumn } from '../../ml/table/table'
import { displayRows, figure, sampleNote } from './display'
import { plotTable, SPLIT_CHOICES } from './plot-table'

/** The column to read for an axis: the named one (numeric), or the n-th numeric feature. */
function axisColumn(d: Dataset, name: string, nth: number, axis: string): NumericColumn {
  if (name) {
    const c = getColumn(d, name)
    if (c.type !== 'numeric') throw new Error(`Column "${name}" on the ${axis} axis is categorical; pick a numeric column.`)
    return c
  }
  const numeric = d.columns.filter((c): c is NumericColumn => c.type === 'numeric' && c.role === 'feature')
  if (numeric.length <= nth) {
    throw new Error(`The table has ${numeric.length} numeric feature column(s); a scatter plot needs two. Pick the ${axis} column by name.`)
  }
  return numeric[nth]
}

/** The colour column: the named one, none for 'none', else the input's natural one (clusters or target). */
function colourColumn(d: Dataset, name: string, fallback: string | undefined): Column | undefined {
  if (name === 'none') return undefined
  if (name) return getColumn(d, name)
  return fallback ? getColumn(d, fallback) : undefined
}

/** Points split into one series per category (class-coloured), or one series with a colour value. */
function pointSeries(x: NumericColumn, y: NumericColumn, colour: Column | undefined, rows: number[]): Series[] {
  const at = (i: number) => ({ x: x.values[i], y: y.values[i] })
  if (!colour || colour.type === 'numeric') {
    const s: Series = { name: colour?.name ?? 'rows', mode: 'points', x: rows.map((i) => at(i).x), y: rows.map((i) => at(i).y) }
    if (colour) s.value = rows.map((i) => colour.values[i])
    return [s]
  }
  const groups = colour.categories.map((name, k): Series => ({ name, mode: 'points', x: [], y: [], classIndex: k }))
  const missing: Series = { name: '(missing)', mode: 'points', x: [], y: [] }
  for (const i of rows) {
    const g = colour.codes[i] < 0 ? missing : groups[colour.codes[i]]
    g.x.push(x.values[i])
    g.y.push(y.values[i])
  }
  return [...groups, missing].filter((g) => g.x.length > 0)
}

/** 2-D scatter of two numeric columns (features, embedding or PCA components), coloured by class or cluster. */
export const scatterFigureNode = defineNode({
  type: 'figure.scatter',
  version: 2,
  migrate: paramsUnchanged,
  category: 'figure',
  title: 'Scatter plot',
  description:
    'Plots two numeric columns against each other, one point per row, coloured by a column: by default the clusters of ' +
    'clustering predictions, else the target. Works on a dataset, on splits (one split or all), and on predictions ' +
    '(their features plus "predicted" and "actual" columns), so it also draws embeddings and PCA projections. Without ' +
    'named columns it uses the first two numeric features. Large tables are shown as 5000 evenly spaced rows.',
  inputs: { data: { types: ['dataset', 'splits', 'predictions'], description: 'A table, splits or predictions.' } },
  outputs: { figure: { types: ['figure'] } },
  params: () => ({
    x: p.column({ kind: 'numeric', title: 'X column', description: 'Empty: the first numeric feature.' }),
    y: p.column({ kind: 'numeric', title: 'Y column', description: 'Empty: the second numeric feature.' }),
    colour: p.column({ title: 'Colour by', description: 'Empty: clusters or the target. "none": one colour.' }),
    split: p.select(SPLIT_CHOICES, { default: 'all', title: 'Split', description: 'Which split to plot when fed splits.' }),
  }),
  run({ data }, params) {
    const { table, colour: natural } = plotTable(data, params.split)
    const x = axisColumn(table, params.x, 0, 'x')
    const y = axisColumn(table, params.y, 1, 'y')
    const colour = colourColumn(table, params.colour, natural)
    const shown = displayRows(table.rows)
    const complete = shown.filter((i) => !Number.isNaN(x.values[i]) && !Number.isNaN(y.values[i]))
    const series = pointSeries(x, y, colour, complete)
    const notes = sampleNote(shown.length, table.rows)
    const skipped = x.values.reduce((n, v, i) => n + (Number.isNaN(v) || Number.isNaN(y.values[i]) ? 1 : 0), 0)
    if (skipped) notes.push(`${skipped} row(s) with a missing ${x.name} or ${y.name} are not drawn.`)
    return {
      figure: figure({
        chart: 'scatter',
        title: `${y.name} vs ${x.name}${colour ? ` by ${colour.name}` : ''}`,
        xLabel: x.name,
        yLabel: y.name,
        series,
        summary: {
          chart: 'scatter',
          points: complete.length,
          ...(colour ? { colour: colour.name } : {}),
          ...(colour?.type === 'categorical' ? { groups: series.length } : {}),
        },
        notes,
      }),
    }
  },
})
