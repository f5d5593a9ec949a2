import { z } from 'zod'

/**
 * Param builders (zod only, no node API, so model families in ml/ declare their config with
 * them too; runtime/node-api/params.ts re-exports them for nodes). Each returns a zod schema carrying its default, range and a UI hint in
 * `.meta()`, so one declaration gives validation, defaults, the JSON Schema the CLI
 * prints and the form the editor renders.
 */
export type ParamUi =
  | 'number'
  | 'int'
  | 'bool'
  | 'select'
  | 'text'
  | 'column'
  | 'columns'
  | 'file'
  | 'layers'
  | 'json'
  // A search space (nodes/select/space-param.ts), and the id of a node upstream of this one: copies rename what they name.
  | 'search-space'
  | 'upstream-node'

export interface ParamMeta {
  ui: ParamUi
  /** File params: the file name endings the node reads (".csv"); the editor's picker and file drops use them. */
  accept?: string[]
  title?: string
  description?: string
  step?: number
  /** Column pickers: which columns the editor offers. */
  columnKind?: 'numeric' | 'categorical' | 'any'
  /** Expert settings (an optimizer's betas, epsilon): the inspector marks them as advanced. */
  advanced?: boolean
  /** Column lists: what an empty list means (ID columns: none; most transforms: every feature). */
  emptyMeans?: 'all-features' | 'none'
}

interface Common {
  title?: string
  description?: string
  advanced?: boolean
}

function withMeta<T extends z.ZodType>(schema: T, meta: ParamMeta): T {
  return schema.meta({ ...meta }) as T
}

interface NumberOpts extends Common {
  default: number
  min?: number
  max?: number
  /** Exclusive lower bound (e.g. a learning rate must be > 0). */
  gt?: number
  step?: number
}

function number(opts: NumberOpts, int = false) {
  let s = z.number()
  if (int) s = s.int()
  if (opts.min !== undefined) s = s.min(opts.min)
  if (opts.gt !== undefined) s = s.gt(opts.gt)
  if (opts.max !== undefined) s = s.max(opts.max)
  const { default: d, min: _min, max: _max, gt: _gt, ...meta } = opts
  return withMeta(s.default(d), { ui: int ? 'int' : 'number', ...meta })
}

/** Column selection: a list of names, or the empty list meaning "all features". */
const columnList = z.array(z.string().min(1))

export const p = {
  number: (opts: NumberOpts) => number(opts),
  int: (opts: NumberOpts) => number(opts, true),
  bool: (opts: Common & { default: boolean }) => {
    const { default: d, ...meta } = opts
    return withMeta(z.boolean().default(d), { ui: 'bool', ...meta })
  },
  select: <const T extends readonly [string, ...string[]]>(options: T, opts: Common & { default: T[number] }) => {
    const { default: d, ...meta } = opts
    return withMeta(z.enum(options).default(d as never), { ui: 'select', ...meta })
  },
  text: (opts: Common & { default: string; maxLength?: number }) => {
    const { default: d, maxLength, ...meta } = opts
    return withMeta(z.string().max(maxLength ?? 10_000).default(d), { ui: 'text', ...meta })
  },
  /** One column name ('' = none / automatic). */
  column: (opts: Common & { default?: string; kind?: ParamMeta['columnKind'] }) => {
    const { default: d, kind, ...meta } = opts
    return withMeta(z.string().default(d ?? ''), { ui: 'column', columnKind: kind ?? 'any', ...meta })
  },
  /** Several column names ([] = every feature column, unless `emptyMeans: 'none'`). */
  columns: (opts: Common & { kind?: ParamMeta['columnKind']; emptyMeans?: ParamMeta['emptyMeans'] } = {}) => {
    const { kind, emptyMeans, ...meta } = opts
    return withMeta(columnList.default([]), { ui: 'columns', columnKind: kind ?? 'any', ...(emptyMeans ? { emptyMeans } : {}), ...meta })
  },
  /** A file: a path relative to the graph document (headless) or an uploaded file's name. */
  file: (opts: Common & { accept?: string[] } = {}) => withMeta(z.string().default(''), { ui: 'file', ...opts }),
  /** Any JSON-compatible schema with its own editor (e.g. a layer list). */
  custom: <T extends z.ZodType>(schema: T, ui: ParamUi, opts: Common = {}) => withMeta(schema, { ui, ...opts }),
}

export type ParamsShape = Record<string, z.ZodType>

/** The one seed param: every random node and model family reads its generator's seed from it. */
export const seedParam = (description?: string) =>
  p.int({ default: 0, min: 0, max: 2 ** 31 - 1, title: 'Seed', ...(description ? { description } : {}) })

/**
 * `declared` with the value under `key` made by `make` when first read and kept: copies of its property
 * descriptors share that one value. Node params and model-family configs are declared this way (their zod
 * schemas are most of what declaring every node type builds, and a process that runs one graph reads the
 * shapes of that graph's types only; the CLI's start-up snapshot holds the others unbuilt), and the
 * registry's compiled params schemas.
 */
export function withLazyProperty<T extends object, K extends string, S>(declared: T, key: K, make: () => S): T & Record<K, S> {
  let made: { value: S } | undefined
  return Object.defineProperty(declared, key, {
    configurable: true,
    enumerable: true,
    get(this: object) {
      const { value } = (made ??= { value: make() })
      // Read from here on as a plain property of the object it was read on.
      Object.defineProperty(this, key, { value, enumerable: true })
      return value
    },
  }) as T & Record<K, S>
}
