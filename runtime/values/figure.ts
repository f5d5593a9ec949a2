/**
 * The `figure` port value: plot data that any renderer can draw. Plain arrays only, sized
 * for display (figure nodes sample large tables down), no styling beyond what carries
 * meaning. A renderer picks colours by series order, or by class index for class-coloured
 * data, so a boundary grid and its points agree.
 */

export type ChartKind = 'line' | 'scatter' | 'heatmap' | 'boundary'

/** One named trace. Lines join points in order; scatter series draw markers. */
export interface Series {
  name: string
  x: number[]
  y: number[]
  mode: 'line' | 'points'
  /** A reference line (chance diagonal, zero residual): draw it dashed and muted. */
  reference?: boolean
  /** Class index of every point of this series, when the series is one class (boundary plots). */
  classIndex?: number
  /** Continuous colour value per point (a numeric colour column), drawn on a colour scale. */
  value?: number[]
}

/** A matrix of numbers with labelled rows and columns (confusion matrix). */
export interface Heatmap {
  rowLabels: string[]
  colLabels: string[]
  /** values[row][col]. */
  values: number[][]
  /** True when values are fractions (a normalized matrix), so labels show decimals. */
  normalized?: boolean
}

/** An evenly spaced grid of predicted classes over a 2-D feature plane. */
export interface BoundaryGrid {
  classes: string[]
  /** Grid cell centres along x and y. */
  xs: number[]
  ys: number[]
  /** Predicted class index per cell, row-major over y then x: cells[iy * xs.length + ix]. */
  cells: number[]
  /** Probability of the predicted class per cell (same layout), when the model gives them. */
  confidence?: number[]
}

export interface Figure {
  kind: 'figure'
  chart: ChartKind
  title: string
  xLabel: string
  yLabel: string
  series: Series[]
  heatmap?: Heatmap
  boundary?: BoundaryGrid
  /** Small facts shown on the node and in the CLI report (e.g. AUC, points shown). */
  summary: Record<string, string | number>
  /** Plain sentences for the viewer, e.g. "Showing 5000 of 20000 points." */
  notes?: string[]
}

export function isFigure(v: unknown): v is Figure {
  return typeof v === 'object' && v !== null && (v as Figure).kind === 'figure'
}
