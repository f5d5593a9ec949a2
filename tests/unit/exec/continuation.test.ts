import 'fake-indexeddb/auto'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { DirStore } from '../../../runtime/cache/dir-store'
import { IdbStore } from '../../../runtime/cache/idb-store'
import { NodeCache } from '../../../runtime/cache/node-cache'
import type { PersistentStore } from '../../../runtime/cache/types'
import { runGraph } from '../../../runtime/exec/executor'
import { defineNode } from '../../../runtime/node-api/define-node'
import { p } from '../../../runtime/node-api/params'
import { port } from '../../../runtime/node-api/ports'
import { Registry } from '../../../runtime/registry'
import { graph } from '../../support/graph'
import { testNodes } from '../../support/test-nodes'

/** Steps computed, over all runs: a continued run computes only the new ones. */
let computed = 0

/** value = start + Σ_{i ≤ steps} i·scale, continued from a shorter run when `steps` grows. */
const sumNode = defineNode({
  type: 'test.sum-steps',
  version: 1,
  category: 'test',
  title: 'Sum of steps',
  description: 'Sums step numbers; continues from its own shorter run.',
  inputs: {},
  outputs: { out: port.metrics() },
  params: { steps: p.int({ default: 5, min: 1, max: 1000 }), scale: p.number({ default: 1 }) },
  continueOn: ['steps'],
  async run(_inputs, params, ctx) {
    const previous = await ctx.previous?.()
    let done = 0
    let value = 0
    if (previous) {
      done = previous.params.steps as number
      value = (previous.outputs.out as { scalars: { value: number } }).scalars.value
      previous.used(`step ${done}`)
    }
    for (let i = done + 1; i <= params.steps; i++) {
      value += i * params.scale
      computed++
    }
    return { out: { kind: 'metrics', scalars: { value } } }
  },
})

const registry = new Registry([...testNodes, sumNode])
const doc = (steps: number, scale = 1) => graph([['s', 'test.sum-steps', { steps, scale }]])
const run = (cache: NodeCache, steps: number, scale = 1) => runGraph({ doc: doc(steps, scale), registry, cache, scope: 'g' })
const tempDir = () => mkdtemp(join(tmpdir(), 'mlcanvas-continue-'))
const sum = (n: number) => (n * (n + 1)) / 2

describe('ctx.previous: continuing from a node’s own shorter run', () => {
  beforeEach(() => void (computed = 0))

  it('continues when the continuable param grows, equal to a run from scratch, and says so', async () => {
    const cache = new NodeCache()
    await run(cache, 5)
    expect(computed).toBe(5)
    const longer = await run(cache, 8)
    expect(computed).toBe(8)
    expect(longer.nodes.s).toMatchObject({ status: 'ran', reason: 'continued from step 5 (params changed: steps)', summary: { value: sum(8) } })
    const scratch = await run(new NodeCache(), 8)
    expect(scratch.nodes.s.summary).toEqual(longer.nodes.s.summary)
  })

  it('runs from scratch when the param shrinks or another param changed', async () => {
    const cache = new NodeCache()
    await run(cache, 6)
    computed = 0
    const shorter = await run(cache, 4)
    expect(computed).toBe(4)
    expect(shorter.nodes.s.reason).toBe('params changed: steps')
    // The index names the latest run (4 steps): 10 continues from it.
    computed = 0
    expect((await run(cache, 10)).nodes.s.reason).toBe('continued from step 4 (params changed: steps)')
    expect(computed).toBe(6)
    computed = 0
    const rescaled = await run(cache, 12, 2)
    expect(computed).toBe(12)
    expect(rescaled.nodes.s).toMatchObject({ reason: 'params changed: scale, steps', summary: { value: 2 * sum(12) } })
  })

  it('finds the earlier result in a cache directory from another process, and runs from scratch when it is damaged or gone', async () => {
    const dir = await tempDir()
    await run(new NodeCache({ store: await DirStore.open(dir) }), 5)
    computed = 0
    const next = await run(new NodeCache({ store: await DirStore.open(dir) }), 7)
    expect(next.nodes.s.reason).toBe('continued from step 5 (params changed: steps)')
    expect(computed).toBe(2)

    // Flip a byte in the 7-step entry: the 9-step run cannot continue from it.
    const entries = join(dir, 'entries')
    const files = (await Promise.all((await readdir(entries)).map(async (f) => (await readdir(join(entries, f))).map((n) => join(entries, f, n))))).flat()
    for (const file of files) {
      const bytes = await readFile(file)
      bytes[bytes.length - 3] ^= 0xff
      await writeFile(file, bytes)
    }
    computed = 0
    const damaged = await run(new NodeCache({ store: await DirStore.open(dir) }), 9)
    expect(damaged.nodes.s).toMatchObject({ reason: 'earlier result unreadable; ran from scratch (params changed: steps)', summary: { value: sum(9) } })
    expect(computed).toBe(9)

    await rm(entries, { recursive: true })
    const gone = await run(new NodeCache({ store: await DirStore.open(dir) }), 11)
    expect(gone.nodes.s).toMatchObject({ reason: 'earlier result no longer cached; ran from scratch (params changed: steps)', summary: { value: sum(11) } })
  })

  it('keeps the index in IndexedDB too', async () => {
    const store = new IdbStore(`continue-${Math.random()}`)
    await run(new NodeCache({ store }), 3)
    computed = 0
    const next = await run(new NodeCache({ store }), 6)
    expect(next.nodes.s).toMatchObject({ reason: 'continued from step 3 (params changed: steps)', summary: { value: sum(6) } })
    expect(computed).toBe(3)
    store.close()
  })

  it('ignores an index record whose recipe does not hash to the entry it names', async () => {
    const dir = await tempDir()
    const store: PersistentStore = await DirStore.open(dir)
    await run(new NodeCache({ store }), 5)
    const records = join(dir, 'records')
    // Claim the 5-step entry was a 2-step run: continuing from it would count steps 3–5 twice.
    for (const folder of await readdir(records)) {
      for (const name of await readdir(join(records, folder))) {
        const file = join(records, folder, name)
        const saved = JSON.parse(await readFile(file, 'utf8'))
        if (saved.scope !== 'mlcanvas:continue') continue
        saved.record.recipe.params.steps = 2
        await writeFile(file, JSON.stringify(saved))
      }
    }
    computed = 0
    const next = await run(new NodeCache({ store: await DirStore.open(dir) }), 6)
    expect(next.nodes.s).toMatchObject({ reason: 'params changed: steps', summary: { value: sum(6) } })
    expect(computed).toBe(6)
  })
})
