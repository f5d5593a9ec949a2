import { mkdtemp, rm, unlink, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isStale, writeSources } from './bundle-sources.mjs'

describe('isStale (when bin.mjs builds the CLI bundle again)', () => {
  let dir: string
  let bundle: string
  let sources: string[]
  let lock: string
  const at = (file: string, seconds: number) => utimes(file, seconds, seconds)

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bundle-sources-'))
    bundle = join(dir, 'main.mjs')
    sources = [join(dir, 'a.ts'), join(dir, 'b.ts')]
    lock = join(dir, 'package-lock.json')
    for (const file of [...sources, lock]) await writeFile(file, 'x')
    await writeFile(bundle, 'built')
    for (const file of [...sources, lock]) await at(file, 1000)
    await at(bundle, 2000)
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  it('is fresh when neither a listed source nor an always-checked file is newer than the bundle', () => {
    writeSources(bundle, sources)
    expect(isStale(bundle, [lock])).toBe(false)
  })

  it('is stale without a bundle or without its list of sources (a bundle from before the list)', async () => {
    expect(isStale(bundle, [lock])).toBe(true)
    writeSources(bundle, sources)
    await unlink(bundle)
    expect(isStale(bundle, [lock])).toBe(true)
  })

  it('is stale when a source was edited, or removed, after the build', async () => {
    writeSources(bundle, sources)
    await at(sources[1], 3000)
    expect(isStale(bundle, [lock])).toBe(true)
    await at(sources[1], 1000)
    await unlink(sources[0])
    expect(isStale(bundle, [lock])).toBe(true)
  })

  it('is stale when the package lock (or the bundler) changed', async () => {
    writeSources(bundle, sources)
    await at(lock, 3000)
    expect(isStale(bundle, [lock])).toBe(true)
  })
})
