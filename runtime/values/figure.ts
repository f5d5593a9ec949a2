/**
 * The `figure` port value: plot data that any renderer can draw. Plain arrays only, sized
 * for display (figure nodes sample large tables down), no styling beyond what carries
 * meaning. A renderer picks colours by series order, or by class index for class-coloured
 * data, so a boundary grid and its points agree.
 */

export type ChartKind = 'line' | 'scatter' | 'heatmap' | 'boundary' | 'grid' | 'replay' | 'bar'

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

/**
 * A grid world (reinforcement learning): its cells and, per cell, what an agent learned — the
 * greedy action (an arrow) and the best action value (a colour), with every action value.
 */
export interface GridPicture {
  rows: number
  cols: number
  /** Per cell, row-major: 0 floor, 1 wall, 2 trap, 3 goal. */
  cells: number[]
  start: number
  /** Action names in index order (left, down, right, up). */
  actionNames: string[]
  /** Greedy action per cell; -1 for walls, traps and goals. */
  arrows?: number[]
  /** Best action value per cell (NaN where there is none). */
  values?: number[]
  /** All action values, cells × actions, row-major. */
  q?: number[]
}

/** One recorded episode to animate, step by step. */
export interface EpisodeReplay {
  /** Environment type id ('grid', 'cartpole', 'mountain-car'): what the frames show. */
  env: string
  /** Observations before each step plus the last one, (steps + 1) × size. */
  observations: number[]
  size: number
  actions: number[]
  rewards: number[]
  actionNames: string[]
  /** The map, for grid worlds. */
  grid?: GridPicture
}

/** Labelled horizontal bars, largest first (feature importances), with an optional ± spread. */
export interface Bars {
  labels: string[]
  values: number[]
  /** Half-width of an error bar per value (standard deviation over repeats). */
  errors?: number[]
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
  grid?: GridPicture
  replay?: EpisodeReplay
  bars?: Bars
  /** Small facts shown on the node and in the CLI report (e.g. AUC, points shown). */
  summary: Record<string, string | number>
  /** Plain sentences for the viewer, e.g. "Showing 5000 of 20000 points." */
  notes?: string[]
}

export function isFigure(v: unknown): v is Figure {
  return typeof v === 'object' && v !== null && (v as Figure).kind === 'figure'
}
