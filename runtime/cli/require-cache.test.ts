import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const exec = promisify(execFile)

// Requires a package from node_modules (which requires a file of its own and resolves one) and a file of the app.
const RUN = `import { createRequire } from 'node:module'
import { cacheRequires } from ${JSON.stringify(resolve('runtime/cli/require-cache.mjs'))}
const requires = cacheRequires(process.argv[2])
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
})
