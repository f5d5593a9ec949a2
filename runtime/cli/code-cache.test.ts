import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleModule } from './bundle.mjs'

const exec = promisify(execFile)

// Top-level await, import.meta.url, a Node module and a bundled package: what the CLI's bundle has.
const entry = (greeting: string) => `import { basename } from 'node:path'
import Papa from 'papaparse'
const rows = await Promise.resolve(Papa.parse('a,b').data)
console.log(JSON.stringify({ greeting: ${JSON.stringify(greeting)}, rows, file: basename(new URL(import.meta.url).pathname), argv: process.argv.slice(2) }))
`
const RUN = `import { runBundle } from ${JSON.stringify(resolve('runtime/cli/code-cache.mjs'))}
const outcome = await runBundle(process.argv[2])
console.log(JSON.stringify(outcome))
`

describe('runBundle (V8 code cache of the CLI bundle)', () => {
  let dir: string
  beforeAll(async () => {
    await mkdir(resolve('node_modules/.cache'), { recursive: true })
    dir = await mkdtemp(resolve('node_modules/.cache/code-cache-test-'))
    await writeFile(join(dir, 'run.mjs'), RUN)
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  const start = async (bundle: string) => {
    const { stdout } = await exec(process.execPath, [join(dir, 'run.mjs'), bundle, 'x'])
    const [program, outcome] = stdout.trim().split('\n').map((line) => JSON.parse(line))
    return { program, outcome }
  }

  it('runs the bundle as its ES module would, writes the cache once, uses it next time, and drops it when the bundle changes', async () => {
    const bundle = join(dir, 'main.mjs')
    await writeFile(join(dir, 'main.ts'), entry('hello'))
    await bundleModule(join(dir, 'main.ts'), bundle)
    const asModule = JSON.parse((await exec(process.execPath, [bundle, 'x'])).stdout)
    const first = await start(bundle)
    expect(first.program).toEqual({ ...asModule, argv: [bundle, 'x'] })
    expect(asModule).toEqual({ greeting: 'hello', rows: [['a', 'b']], file: 'main.mjs', argv: ['x'] })
    expect(first.outcome).toEqual({ cached: false, wrote: true })
    const written = (await stat(`${bundle}.v8cache`)).mtimeMs
    expect(await start(bundle)).toEqual({ program: first.program, outcome: { cached: true, wrote: false } })
    expect((await stat(`${bundle}.v8cache`)).mtimeMs).toBe(written)

    // Same length, other text: V8's own check (length, flags) would take the stale code.
    await writeFile(join(dir, 'main.ts'), entry('howdy'))
    await bundleModule(join(dir, 'main.ts'), bundle)
    const changed = await start(bundle)
    expect(changed).toEqual({ program: { ...first.program, greeting: 'howdy' }, outcome: { cached: false, wrote: true } })
    expect((await start(bundle)).outcome).toEqual({ cached: true, wrote: false })
  })

  it('refuses a file that bundle.mjs did not build', async () => {
    await writeFile(join(dir, 'other.mjs'), 'console.log(1)\n')
    await expect(start(join(dir, 'other.mjs'))).rejects.toThrow(/was not built by runtime\/cli\/bundle\.mjs/)
  })
})
