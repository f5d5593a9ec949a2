import { execFile } from 'node:child_process'
import { mkdtemp, readdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { DirStore } from '../../../runtime/cache/dir-store'
import type { RunReport } from '../../../runtime/exec/events'
import { graph } from '../../support/graph'
import { checkSharedWriters } from './store-conformance'

const tempDir = () => mkdtemp(join(tmpdir(), 'mlcanvas-shared-'))
const child = (script: string, ...args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', `tests/unit/cache/${script}`, ...args], { cwd: process.cwd() })

describe('a cache directory shared by several processes', () => {
  it('two processes publishing the same keys at once never see a partial or mixed entry', async () => {
    const dir = await tempDir()
    const outs = await Promise.all(['a', 'b'].map((label) => child('shared-writer-child.ts', dir, label)))
    for (const { stdout } of outs) {
      const { found, verified } = JSON.parse(stdout) as { found: number; verified: number }
      expect(found).toBeGreaterThanOrEqual(3 * 12 * 12 - 12 * 11) // later rounds find every key
      expect(verified).toBe(found)
    }
    const store = await DirStore.open(dir)
    expect((await store.stats()).entries).toBe(12)
    const files = (await readdir(join(dir, 'entries', '00'))).sort()
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('a second process finds every result the first published', async () => {
    const dir = await tempDir()
    const doc = graph([['a', 'test.const', { value: 3 }], ['b', 'test.slow', { steps: 2 }], ['c', 'test.add', { offset: 1 }]], ['a.out->b.a', 'b.out->c.a'])
    const path = join(dir, 'g.json')
    await writeFile(path, JSON.stringify(doc))
    const first = JSON.parse((await child('run-child.ts', path, join(dir, 'cache'), 'g')).stdout) as RunReport
    const second = JSON.parse((await child('run-child.ts', path, join(dir, 'cache'), 'g')).stdout) as RunReport
    expect([first.ran, first.cached]).toEqual([3, 0])
    expect([second.ran, second.cached]).toEqual([0, 3])
    expect(second.nodes.c.summary).toEqual({ value: 4 })
  })

  it('two store objects on one folder (two workers) write the same keys at once without damage', async () => {
    const dir = await tempDir()
    await checkSharedWriters(await DirStore.open(dir), await DirStore.open(dir))
  })
})
