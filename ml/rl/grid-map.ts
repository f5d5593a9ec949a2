/**
 * Grid maps written as text, one row per line: `#` wall, `S` start, `G` goal, `T` or `H` trap
 * (a hole: the episode ends), `.` or `F` floor. FrozenLake's maps (S, F, H, G) read as they are.
 */

export const CELL = { floor: 0, wall: 1, trap: 2, goal: 3 } as const
export type Cell = (typeof CELL)[keyof typeof CELL]

export interface GridMap {
  rows: number
  cols: number
  /** One CELL code per cell, row-major. */
  cells: Uint8Array
  start: number
}

const MAX_SIDE = 64

const CODES = new Map<string, Cell>([
  ['#', CELL.wall],
  ['.', CELL.floor],
  ['F', CELL.floor],
  ['S', CELL.floor],
  ['G', CELL.goal],
  ['T', CELL.trap],
  ['H', CELL.trap],
])

/** Parses a text map; throws a sentence naming the line and character that is wrong. */
export function parseGridMap(text: string): GridMap {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
  if (lines.length === 0) throw new Error('The map is empty: write one row of cells per line (# wall, S start, G goal, T trap, . floor).')
  const cols = lines[0].length
  if (lines.length > MAX_SIDE || cols > MAX_SIDE) throw new Error(`The map is ${lines.length}×${cols}; at most ${MAX_SIDE}×${MAX_SIDE} cells.`)
  const cells = new Uint8Array(lines.length * cols)
  let start = -1
  let goals = 0
  lines.forEach((line, r) => {
    if (line.length !== cols) throw new Error(`Map line ${r + 1} has ${line.length} cells; the first line has ${cols}. Every row needs the same length.`)
    for (let c = 0; c < cols; c++) {
      const ch = line[c]
      const code = CODES.get(ch)
      if (code === undefined) throw new Error(`Map line ${r + 1}, column ${c + 1}: unknown cell "${ch}" (use # wall, S start, G goal, T trap, . floor).`)
      cells[r * cols + c] = code
      if (ch === 'S') {
        if (start >= 0) throw new Error(`The map has more than one start: a second S at line ${r + 1}, column ${c + 1}.`)
        start = r * cols + c
      }
      if (code === CELL.goal) goals++
    }
  })
  if (start < 0) throw new Error('The map has no start: put one S on a floor cell.')
  if (goals === 0) throw new Error('The map has no goal: put at least one G.')
  return { rows: lines.length, cols, cells, start }
}

/** Row and column offsets of the four moves, in action order: left, down, right, up (Gymnasium's FrozenLake order). */
export const MOVES: readonly (readonly [number, number])[] = [
  [0, -1],
  [1, 0],
  [0, 1],
  [-1, 0],
]
export const MOVE_NAMES = ['left', 'down', 'right', 'up'] as const

/** The cell reached from `state` by `move`: walls and the map's edge keep the agent in place. */
export function moveFrom(map: GridMap, state: number, move: number): number {
  const r = Math.floor(state / map.cols) + MOVES[move][0]
  const c = (state % map.cols) + MOVES[move][1]
  if (r < 0 || c < 0 || r >= map.rows || c >= map.cols) return state
  const next = r * map.cols + c
  return map.cells[next] === CELL.wall ? state : next
}

/** Fewest moves from the start to a goal without entering a trap (breadth-first search); -1 when none. */
export function shortestPathLength(map: GridMap): number {
  const dist = new Int32Array(map.cells.length).fill(-1)
  const queue = new Int32Array(map.cells.length)
  let head = 0
  let tail = 0
  dist[map.start] = 0
  queue[tail++] = map.start
  while (head < tail) {
    const s = queue[head++]
    if (map.cells[s] === CELL.goal) return dist[s]
    for (let m = 0; m < MOVES.length; m++) {
      const n = moveFrom(map, s, m)
      if (dist[n] >= 0 || map.cells[n] === CELL.trap) continue
      dist[n] = dist[s] + 1
      queue[tail++] = n
    }
  }
  return -1
}
