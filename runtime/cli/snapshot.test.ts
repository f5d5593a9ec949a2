import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildSnapshot, snapshotFiles, snapshotSettled } from './snapshot.mjs'

describe('snapshotSettled and buildSnapshot (when bin.mjs builds the start-up snapshot)', () => {
  let dir: string
  let bundle: string
  const at = (file: string, seconds: number) => utimes(file, seconds, seconds)

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'snapshot-'))
    bundle = join(dir, 'main.mjs')
    await writeFile(bundle, 'built')
    await at(bundle, 2000)
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  it('is settled by a blob newer than the bundle and the node binary, stamped with that node', async () => {
    const { blob, stamp } = snapshotFiles(bundle)
    const node = join(dir, 'node')
    await writeFile(node, '')
    await at(node, 1000)
    expect(snapshotSettled(bundle, node)).toBe(false)
    await writeFile(blob, 'blob')
    await writeFile(stamp, `${node}\n--min-semi-space-size=16\n`)
    await at(blob, 3000)
    expect(snapshotSettled(bundle, node)).toBe(true)
    expect(snapshotSettled(bundle, join(dir, 'other-node'))).toBe(false)
    await at(node, 4000)
    expect(snapshotSettled(bundle, node)).toBe(false)
  })

  it('is settled by a failed build for this bundle, and not once the bundle is rebuilt', async () => {
    const { failed } = snapshotFiles(bundle)
    await writeFile(failed, 'why\n')
    await at(failed, 3000)
    expect(snapshotSettled(bundle, process.execPath)).toBe(true)
    await at(bundle, 4000)
    expect(snapshotSettled(bundle, process.execPath)).toBe(false)
  })

  it('says why, instead of throwing, when the bundle cannot be read or its folder written', async () => {
    const outcome = await buildSnapshot(join(dir, 'gone', 'main.mjs'), process.execPath)
    expect(outcome).toEqual({ built: false, reason: expect.stringMatching(/^it could not be built: ENOENT/) })
  })
})
