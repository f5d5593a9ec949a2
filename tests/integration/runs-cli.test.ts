import { execFile } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import type { GraphDocument } from '../../runtime/document/schema'
import type { RunEntry } from '../../runtime/history/run-entry'

const exec = promisify(execFile)
const CLI = resolve('runtime/cli/bin.mjs')
const cli = async (...args: string[]) => (await exec(process.execPath, [CLI, ...args], { maxBuffer: 32 * 2 ** 20 })).stdout

describe('pipeline runs', () => {
  it('records every run and compares two: changed params, metrics side by side', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mlcanvas-runs-'))
    const cache = join(dir, 'cache')
    const graph = join(dir, 'iris.json')
    const doc = JSON.parse(await readFile('examples/iris-logistic-regression.json', 'utf8')) as GraphDocument
    await writeFile(graph, JSON.stringify(doc))
    await cli('run', graph, '--cache-dir', cache, '--json')
    const train = doc.nodes.find((n) => n.id === 'train')!
    const epochs = Number(train.params.epochs)
    train.params.epochs = epochs + 5
    await writeFile(graph, JSON.stringify(doc))
    await cli('run', graph, '--cache-dir', cache, '--json')

    const runs = JSON.parse(await cli('runs', '--json', '--cache-dir', cache)) as RunEntry[]
    expect(runs).toHaveLength(2)
    const [second, first] = runs
    expect(second.id > first.id).toBe(true)
    expect(first.changed).toEqual([])
    expect(second.changed).toEqual(['train.epochs'])
    expect(second.graphHash).not.toBe(first.graphHash)
    expect(second).toMatchObject({ backend: 'wasm', scope: graph, title: doc.meta.title })
    expect(second.cached).toBeGreaterThan(0)
    expect(second.metrics.metrics.accuracy).toBeGreaterThan(0.8)
    // The loss curve streamed while training, one point per epoch.
    expect(first.curves.train.loss.length).toBe(first.metrics.train.epochs)
    expect(second.doc.nodes.find((n) => n.id === 'train')!.params.epochs).toBe(epochs + 5)

    const cmp = JSON.parse(await cli('runs', 'compare', first.id, second.id.slice(0, 12), '--json', '--cache-dir', cache)) as {
      params: { node: string; param: string; a: unknown; b: unknown }[]
      metrics: { node: string; metric: string; a?: number; b?: number }[]
    }
    expect(cmp.params).toEqual([{ node: 'train', param: 'epochs', a: epochs, b: epochs + 5 }])
    const accuracy = cmp.metrics.find((m) => m.node === 'metrics' && m.metric === 'accuracy')!
    expect([accuracy.a, accuracy.b]).toEqual([first.metrics.metrics.accuracy, second.metrics.metrics.accuracy])

    const text = await cli('runs', 'compare', first.id, second.id, '--cache-dir', cache)
    expect(text).toContain(`train.epochs: ${epochs} → ${epochs + 5}`)
    expect((await cli('runs', '--cache-dir', cache)).split('\n')[0]).toMatch(new RegExp(`^${second.id} .* changed: train\\.epochs`))
  }, 180_000)
})
