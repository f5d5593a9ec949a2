import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../reliability/cli'

const graph = resolve('examples/blobs-kmeans.json')

const run = (cacheDir: string) => cli(['run', graph, '--cache-dir', cacheDir], { timeoutMs: 30_000 })

describe('pipeline run --cache-dir that cannot serve', () => {
  it('says why and exits 2 before running anything (a file; a folder that cannot be created)', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'mlcanvas-cli-')), 'not-a-dir')
    await writeFile(file, 'x')
    const [onFile, onProc] = await Promise.all([run(file), run('/proc/nope')])
    expect(onFile.code).toBe(2)
    expect(onFile.stderr).toContain(`Cache directory ${file}: ${file} is a file, not a directory. Give another --cache-dir or --cache-url, or --no-cache.`)
    expect(onProc.code).toBe(2)
    expect(onProc.stderr).toContain('Cannot create cache directory /proc/nope: ENOENT')
  })
})
