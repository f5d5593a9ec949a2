import { execFile } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { createRegistry } from '../../nodes'
import type { GraphDocument } from '../../runtime/document/schema'
import type { RunReport } from '../../runtime/exec/events'
import { definedPorts, groupSelection } from '../../runtime/graph/group-edit'

const exec = promisify(execFile)
const CLI = resolve('runtime/cli/bin.mjs')

async function run(graph: string, cacheDir: string): Promise<RunReport> {
  const { stdout } = await exec(process.execPath, [CLI, 'run', graph, '--cache-dir', cacheDir, '--json'], { maxBuffer: 32 * 2 ** 20 })
  return JSON.parse(stdout) as RunReport
}

const numbers = (r: RunReport) => Object.fromEntries(Object.entries(r.nodes).map(([id, n]) => [id, n.summary]))

describe('pipeline run on a grouped graph', () => {
  it('reports the same nodes and numbers as the flat graph, and finds every flat result cached', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mlcanvas-groups-'))
    const flat = JSON.parse(await readFile('examples/iris-logistic-regression.json', 'utf8')) as GraphDocument
    const ports = definedPorts(createRegistry())
    // A group (scale → train → predict) inside a group that also holds the metrics.
    const inner = { ...flat, ...groupSelection(flat, ['scale', 'spec', 'opt', 'train', 'predict'], 'model', ports) }
    const grouped = { ...inner, ...groupSelection(inner, ['model', 'metrics'], 'evaluate', ports) }
    await writeFile(join(dir, 'flat.json'), JSON.stringify(flat))
    await writeFile(join(dir, 'grouped.json'), JSON.stringify(grouped))

    const first = await run(join(dir, 'flat.json'), join(dir, 'cache'))
    const again = await run(join(dir, 'grouped.json'), join(dir, 'cache'))
    expect(first.ran).toBe(11)
    expect([again.ran, again.cached]).toEqual([0, 11])
    const fresh = await run(join(dir, 'grouped.json'), join(dir, 'fresh-cache'))
    expect(fresh.ran).toBe(11)
    expect(numbers(fresh)).toEqual(numbers(first))
    expect(fresh.nodes.metrics.summary?.accuracy).toBeGreaterThan(0.8)
  }, 180_000)
})
