import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { Registry } from '../../runtime/registry'

/** A test-only node pack: scalars travel as `metrics` values so every port type check is real. */
const scalar = (value: number) => ({ kind: 'metrics', scalars: { value } })
const valueOf = (v: unknown) => (v as { scalars: { value: number } }).scalars.value

/** Counts runs per node type, so tests can tell a cache hit from a run. */
export const runCounts = new Map<string, number>()
const count = (type: string) => runCounts.set(type, (runCounts.get(type) ?? 0) + 1)

export const constNode = defineNode({
  type: 'test.const',
  version: 1,
  category: 'test',
  title: 'Constant',
  description: 'Outputs a number.',
  inputs: {},
  outputs: { out: port.metrics() },
  params: { value: p.number({ default: 1 }) },
  run(_inputs, params) {
    count('test.const')
    return { out: scalar(params.value) }
  },
})

export const addNode = defineNode({
  type: 'test.add',
  version: 1,
  category: 'test',
  title: 'Add',
  description: 'Adds its inputs and an offset.',
  inputs: { a: port.metrics(), b: port.metrics({ optional: true }) },
  outputs: { out: port.metrics() },
  params: { offset: p.number({ default: 0, min: -1000, max: 1000 }) },
  run({ a, b }, params) {
    count('test.add')
    return { out: scalar(valueOf(a) + (b ? valueOf(b) : 0) + params.offset) }
  },
})

export const failNode = defineNode({
  type: 'test.fail',
  version: 1,
  category: 'test',
  title: 'Fail',
  description: 'Always throws.',
  inputs: { a: port.metrics({ optional: true }) },
  outputs: { out: port.metrics() },
  params: {},
  run() {
    throw new Error('boom: this node always fails')
  },
})

export const slowNode = defineNode({
  type: 'test.slow',
  version: 1,
  category: 'test',
  title: 'Slow',
  description: 'Works in small steps, checking for cancel between them.',
  inputs: { a: port.metrics() },
  outputs: { out: port.metrics() },
  params: { steps: p.int({ default: 20, min: 1, max: 10_000 }) },
  async run({ a }, params, ctx) {
    count('test.slow')
    for (let i = 0; i < params.steps; i++) {
      if (ctx.signal.aborted) throw new Error('aborted')
      await new Promise((r) => setTimeout(r, 10))
      ctx.progress((i + 1) / params.steps, `step ${i + 1}`, { step: i + 1 })
    }
    return { out: scalar(valueOf(a)) }
  },
})

export const randomNode = defineNode({
  type: 'test.random',
  version: 1,
  category: 'test',
  title: 'Random',
  description: 'A number from the seeded RNG.',
  inputs: {},
  outputs: { out: port.metrics() },
  params: { seed: p.int({ default: 0 }) },
  run(_i, _p, ctx) {
    return { out: scalar(ctx.random()) }
  },
})

let volatileCounter = 0
export const volatileNode = defineNode({
  type: 'test.volatile',
  version: 1,
  category: 'test',
  title: 'Volatile',
  description: 'Outputs a value that changes when `bump()` is called.',
  volatile: true,
  inputs: {},
  outputs: { out: port.metrics() },
  params: {},
  run() {
    count('test.volatile')
    return { out: scalar(volatileCounter) }
  },
})
export const bumpVolatile = () => void (volatileCounter += 1)

export const fileNode = defineNode({
  type: 'test.file-length',
  version: 1,
  category: 'test',
  title: 'File length',
  description: 'Outputs the byte length of a file.',
  inputs: {},
  outputs: { out: port.metrics() },
  params: { path: p.file() },
  fileParams: ['path'],
  run(_i, _p, ctx) {
    count('test.file-length')
    return { out: scalar(ctx.files.path?.bytes.byteLength ?? -1) }
  },
})

export const tableNode = defineNode({
  type: 'test.table',
  version: 1,
  category: 'test',
  title: 'Table',
  description: 'A small dataset with a numeric and a categorical column.',
  inputs: {},
  outputs: { data: port.dataset() },
  params: { rows: p.int({ default: 3, min: 1, max: 1e7 }) },
  run(_i, params) {
    const values = Float64Array.from({ length: params.rows }, (_, i) => i * 1.5)
    const codes = Int32Array.from({ length: params.rows }, (_, i) => i % 2)
    return {
      data: {
        kind: 'dataset',
        rows: params.rows,
        steps: [],
        columns: [
          { name: 'x', type: 'numeric', role: 'feature', values },
          { name: 'y', type: 'categorical', role: 'target', codes, categories: ['a', 'b'] },
        ],
      },
    }
  },
})

export const passNode = defineNode({
  type: 'test.pass',
  version: 1,
  category: 'test',
  title: 'Pass through',
  description: 'Outputs what it is given (dataset or splits).',
  inputs: { data: port.datasetOrSplits() },
  outputs: { data: port.sameAs('data') },
  params: {},
  run({ data }) {
    return { data }
  },
})

/**
 * A node at version 2 whose version 1 called its param `k` (version 2 renamed it `factor`): for
 * document migration tests. Not in `testNodes`; add it to a registry where needed.
 */
export const scaleNode = defineNode({
  type: 'test.scale',
  version: 2,
  category: 'test',
  title: 'Scale',
  description: 'Multiplies a number.',
  inputs: {},
  outputs: { out: port.metrics() },
  params: { factor: p.number({ default: 1 }) },
  migrate(params, fromVersion) {
    if (fromVersion !== 1) throw new Error(`no migration from version ${fromVersion}`)
    const { k, ...rest } = params
    if (typeof k !== 'number') throw new Error('version 1 always saved a number k')
    return { ...rest, factor: k }
  },
  run: (_i, params) => ({ out: { kind: 'metrics', scalars: { value: params.factor } } }),
})

export const testNodes = [constNode, addNode, failNode, slowNode, randomNode, volatileNode, fileNode, tableNode, passNode]
export const testRegistry = () => new Registry(testNodes)
