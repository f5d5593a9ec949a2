import { spawn, spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CacheDirError, makeDirectory, writeAtomically } from '../../../runtime/cache/dir-files'
import { DirStore } from '../../../runtime/cache/dir-store'
import { encodeValue } from '../../../runtime/values/codec'

const tempDir = () => mkdtemp(join(tmpdir(), 'mlcanvas-dir-'))

/** Every temporary file under the cache directory. */
async function temps(dir: string): Promise<string[]> {
  const found: string[] = []
  for (const sub of ['entries', 'records']) {
    for (const folder of await readdir(join(dir, sub)).catch(() => [] as string[])) {
      for (const f of await readdir(join(dir, sub, folder))) if (f.endsWith('.tmp')) found.push(join(dir, sub, folder, f))
    }
  }
  return found
}

/** Starts a child writing big entries and SIGKILLs it as soon as one of its writes is under way. */
async function killMidWrite(dir: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/unit/cache/write-child.ts', dir], { stdio: 'ignore' })
  const exited = new Promise((done) => child.once('exit', done))
  const deadline = Date.now() + 30_000
  while (child.exitCode === null && Date.now() < deadline && (await temps(dir)).length === 0) {
    await new Promise((r) => setTimeout(r, 2))
  }
  child.kill('SIGKILL')
  await exited
}

describe('cache directory', () => {
  it('is created level by level, and refused with a clear error where it cannot be', async () => {
    const dir = await tempDir()
    await makeDirectory(join(dir, 'a', 'b', 'c'))
    expect((await stat(join(dir, 'a', 'b', 'c'))).isDirectory()).toBe(true)
    await writeFile(join(dir, 'file'), 'x')
    await expect(DirStore.open(join(dir, 'file'))).rejects.toThrow(`${join(dir, 'file')} is a file, not a directory`)
    await expect(DirStore.open(join(dir, 'file', 'sub'))).rejects.toBeInstanceOf(CacheDirError)
    // Node's own recursive mkdir loops forever here.
    await expect(DirStore.open('/proc/nope/cache')).rejects.toThrow('Cannot create cache directory /proc/nope/cache: ENOENT')
  })

  it('sweeps temporary files of a SIGKILLed writer at start and counts live ones in the cap', async () => {
    const dir = await tempDir()
    // A 32 MB write takes tens of milliseconds; a rename that wins the race leaves no file, so try again.
    for (let tries = 0; tries < 5 && (await temps(dir)).length === 0; tries++) await killMidWrite(dir)
    const orphans = await temps(dir)
    expect(orphans.length).toBeGreaterThan(0)
    const store = await DirStore.open(dir, 1000)
    expect(await store.swept()).toBe(orphans.length)
    expect(await temps(dir)).toEqual([])

    // A temporary file of a live writer (this process) stays, and its bytes count toward the cap.
    await mkdir(join(dir, 'entries', 'ff'), { recursive: true })
    await writeFile(join(dir, 'entries', 'ff', `${'f'.repeat(32)}.bin.${process.pid}.abc.tmp`), new Uint8Array(800))
    const live = await DirStore.open(dir, 1000)
    expect(await live.swept()).toBe(0)
    const before = await live.stats()
    expect(before.bytes).toBeGreaterThanOrEqual(800)
    const enc = await encodeValue({ v: new Float64Array(50) })
    await live.write('1'.repeat(32), enc, { summary: {}, ms: 0, bytes: enc.bytes, createdAt: 0 })
    await live.write('2'.repeat(32), enc, { summary: {}, ms: 0, bytes: enc.bytes, createdAt: 0 })
    // 800 pending bytes + two ~0.5 KB entries exceed the 1000-byte cap: the older entry goes.
    expect(await live.info('1'.repeat(32))).toBeUndefined()
    expect(await live.info('2'.repeat(32))).toBeDefined()
  })

  it('is listed only when an entry is read, written or counted: a store that reads headers, as a cached run does, sweeps nothing', async () => {
    const dir = await tempDir()
    const key = '3'.repeat(32)
    const enc = await encodeValue({ v: new Float64Array(5) })
    const info = { summary: {}, ms: 0, bytes: enc.bytes, createdAt: 0 }
    await (await DirStore.open(dir)).write(key, enc, info)
    // A temporary file of a writer that has exited.
    const orphan = join(dir, 'entries', '33', `${key}.bin.${spawnSync(process.execPath, ['-e', '0']).pid}.abc.tmp`)
    await writeFile(orphan, new Uint8Array(10))
    const store = await DirStore.open(dir)
    expect(await store.info(key)).toMatchObject({ bytes: enc.bytes })
    expect(await temps(dir)).toEqual([orphan])
    await store.write('4'.repeat(32), enc, info)
    expect(await temps(dir)).toEqual([])
    expect(await store.swept()).toBe(1)
  })
})

describe('writeAtomically', () => {
  // Files up to 64 KB are written with blocking calls, bigger ones asynchronously: both ways alike.
  it.each([
    ['a small file', 100],
    ['a big file', 200 * 1024],
  ])('writes %s whole, replaces what was there, and leaves no temporary file; a failed write leaves nothing', async (_name, size) => {
    const dir = await tempDir()
    const path = join(dir, 'entry.bin')
    for (const fill of [1, 2]) {
      await writeAtomically(path, new Uint8Array(size).fill(fill))
      const bytes = await readFile(path)
      expect([bytes.length, bytes[0], bytes[size - 1]]).toEqual([size, fill, fill])
    }
    await expect(writeAtomically(join(dir, 'missing', 'entry.bin'), new Uint8Array(size))).rejects.toThrow(/ENOENT/)
    expect(await readdir(dir)).toEqual(['entry.bin'])
  })
})
