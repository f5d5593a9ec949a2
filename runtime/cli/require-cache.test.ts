import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const exec = promisify(execFile)

// Requires a package from node_modules (which requires a file of its own and resolves one) and a file of the app.
const RUN = `import { createRequire } from 'node:module'
import { cacheRequires, requireCacheDir } from ${JSON.stringify(resolve('runtime/cli/require-cache.mjs'))}
// With a second argument, the caches go in the folder for this process's V8 flags beside the bundle folder it names.
const requires = cacheRequires(process.argv[3] ? requireCacheDir(process.argv[3]) : process.argv[2])
const require = createRequire(import.meta.url)
const pkg = require('pkg')
const local = require('./local.cjs')
console.log(JSON.stringify({ pkg, local, cached: requires.cached, wrote: requires.write() }))
`
const PKG = `const helper = require('./helper.js')
module.exports = { answer: helper.value * 2, file: __filename.endsWith('index.js'), resolved: require.resolve('./helper.js').endsWith('helper.js'), exportsIsThis: this === module.exports }
`

describe('cacheRequires (V8 code cache of the packages the CLI requires)', () => {
  let dir: string
  let cache: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'require-cache-'))
    cache = join(dir, 'cache')
    await mkdir(join(dir, 'node_modules', 'pkg'), { recursive: true })
    await writeFile(join(dir, 'node_modules', 'pkg', 'index.js'), PKG)
    await writeFile(join(dir, 'node_modules', 'pkg', 'helper.js'), 'exports.value = 21\n')
    await writeFile(join(dir, 'local.cjs'), 'module.exports = "mine"\n')
    await writeFile(join(dir, 'run.mjs'), RUN)
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  const start = async () => JSON.parse((await exec(process.execPath, [join(dir, 'run.mjs'), cache])).stdout)

  it('loads packages as Node does, writes their caches once, uses them next time, and compiles a changed file again', async () => {
    const plain = { answer: 42, file: true, resolved: true, exportsIsThis: true }
    expect(await start()).toEqual({ pkg: plain, local: 'mine', cached: 0, wrote: 2 })
    // Only files under node_modules, one cache each.
    expect((await readdir(cache)).sort()).toEqual(['pkg+helper.js.v8cache', 'pkg+index.js.v8cache'])
    expect(await start()).toEqual({ pkg: plain, local: 'mine', cached: 2, wrote: 0 })

    await writeFile(join(dir, 'node_modules', 'pkg', 'helper.js'), 'exports.value = 210\n')
    expect(await start()).toEqual({ pkg: { ...plain, answer: 420 }, local: 'mine', cached: 1, wrote: 1 })
    expect(await start()).toEqual({ pkg: { ...plain, answer: 420 }, local: 'mine', cached: 2, wrote: 0 })
  }, 30_000)

  it('keeps the caches of processes with other V8 flags apart: the launcher (snapshot flags) and bin.mjs do not rewrite each other\'s', async () => {
    const bundleDir = join(dir, 'bundle')
    const beside = async (flags: string[]) => {
      const { stdout } = await exec(process.execPath, [...flags, join(dir, 'run.mjs'), '', bundleDir])
      return (({ cached, wrote }) => ({ cached, wrote }))(JSON.parse(stdout))
    }
    const flagged = ['--min-semi-space-size=16']
    expect(await beside(flagged)).toEqual({ cached: 0, wrote: 2 })
    expect(await beside([])).toEqual({ cached: 0, wrote: 2 })
    // V8 rejects a cache made under other flags: one shared folder gave 0 here, and was written again each time.
    expect(await beside(flagged)).toEqual({ cached: 2, wrote: 0 })
    expect(await beside([])).toEqual({ cached: 2, wrote: 0 })
    const folders = (await readdir(bundleDir)).sort()
    expect(folders).toHaveLength(2)
    expect(folders[0]).toBe('require-cache')
    expect(folders[1]).toMatch(/^require-cache\.[0-9a-f]+$/)
  }, 30_000)
})
