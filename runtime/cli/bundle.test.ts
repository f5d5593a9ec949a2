import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleModule } from './bundle.mjs'

const exec = promisify(execFile)

// Inside node_modules/.cache, as the CLI's own bundle: packages resolve from the bundle's folder.
const ENTRY = `import Papa from 'papaparse'
import envPaths from 'env-paths'
import * as tf from '@tensorflow/tfjs-core'
import { createRequire } from 'node:module'
const loaded = (name: string) => Object.keys(createRequire(import.meta.url).cache).some((p) => p.includes('/node_modules/' + name + '/'))
const tfBefore = loaded('@tensorflow/tfjs-core')
const papaBefore = loaded('papaparse')
const before = loaded('sql.js')
const sql = await import('sql.js')
const parquetBefore = Object.keys(createRequire(import.meta.url).cache).some((p) => p.endsWith('/on-demand-hyparquet.cjs'))
const parquet = await import('hyparquet')
const { default: envPathsLater } = await import('env-paths')
const tfRequired = createRequire(import.meta.url)('@tensorflow/tfjs-core')
console.log(JSON.stringify({ papaBefore, rows: Papa.parse('a,b\\n1,2').data, envPaths: typeof envPaths, tfBefore, oneTf: tf.engine() === tfRequired.engine(), sqlBefore: before, sqlAfter: loaded('sql.js'), sqlInit: typeof sql.default, parquetBefore, parquetRead: typeof parquet.parquetRead, envPathsLater: typeof envPathsLater }))
`

describe('the CLI bundle', () => {
  let dir: string
  let text: string
  let out: string
  beforeAll(async () => {
    await mkdir(resolve('node_modules/.cache'), { recursive: true })
    dir = await mkdtemp(resolve('node_modules/.cache/bundle-test-'))
    await writeFile(join(dir, 'entry.ts'), ENTRY)
    out = join(dir, 'entry.mjs')
    await bundleModule(join(dir, 'entry.ts'), out)
    text = await readFile(out, 'utf8')
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('bundles packages in, requires tfjs and papaparse from node_modules when first read (one engine), and loads an import() only when it runs, an ES-only one bundled apart', async () => {
    expect(text).toMatch(/^\/\/ node_modules\/env-paths\//m)
    expect(text).not.toMatch(/^\/\/ node_modules\/(@tensorflow|papaparse|hyparquet)\//m)
    expect(text).not.toMatch(/from "(papaparse|env-paths|@tensorflow\/tfjs-core)"/)
    const { stdout } = await exec(process.execPath, [out])
    expect(JSON.parse(stdout)).toEqual({ papaBefore: false, rows: [['a', 'b'], ['1', '2']], envPaths: 'function', tfBefore: false, oneTf: true, sqlBefore: false, sqlAfter: true, sqlInit: 'function', parquetBefore: false, parquetRead: 'function', envPathsLater: 'function' })
    // The ES-only package imported on demand, bundled apart beside the bundle.
    expect(await readFile(join(dir, 'on-demand-hyparquet.cjs'), 'utf8')).toMatch(/parquetRead/)
  })

  it('bundles zod with its English messages only, and hash-wasm with the hashes used only', async () => {
    const entry = "import { z } from 'zod'\nimport { createXXHash128 } from 'hash-wasm'\n" +
      "const h = await createXXHash128()\nh.init()\nh.update('abc')\n" +
      "console.log(JSON.stringify({ message: z.number().min(1).safeParse(0).error?.issues[0].message, locales: Object.keys(z.locales), hash: h.digest() }))\n"
    await writeFile(join(dir, 'zod.ts'), entry)
    await bundleModule(join(dir, 'zod.ts'), join(dir, 'zod.mjs'))
    const bundled = await readFile(join(dir, 'zod.mjs'), 'utf8')
    expect(bundled).not.toMatch(/^\/\/ node_modules\/zod\/v4\/locales\/de\.js/m)
    expect(bundled).not.toMatch(/createSHA256/)
    const { stdout } = await exec(process.execPath, [join(dir, 'zod.mjs')])
    expect(JSON.parse(stdout)).toEqual({ message: 'Too small: expected number to be >=1', locales: ['en'], hash: '06b05ab6733a618578af5f94892f3950' })
  })

  it('names an export tfjs lacks where it is read instead of leaving it undefined', async () => {
    await writeFile(join(dir, 'bad.ts'), "import { notAnExport } from '@tensorflow/tfjs-core'\nconsole.log(typeof notAnExport)\n")
    await bundleModule(join(dir, 'bad.ts'), join(dir, 'bad.mjs'))
    await expect(exec(process.execPath, [join(dir, 'bad.mjs')])).rejects.toThrow('@tensorflow/tfjs-core has no export "notAnExport".')
  })

  it('loads tfjs-layers imported alongside tfjs-core with it, for the gradients it registers', async () => {
    const entry = "import * as tf from '@tensorflow/tfjs-core'\nimport '@tensorflow/tfjs-backend-cpu'\nimport '@tensorflow/tfjs-layers'\n" +
      "await tf.setBackend('cpu')\nconst x = tf.scalar(3)\nconsole.log(tf.grad((v: tf.Tensor) => tf.div(v, 2))(x).dataSync()[0])\n"
    await writeFile(join(dir, 'grad.ts'), entry)
    await bundleModule(join(dir, 'grad.ts'), join(dir, 'grad.mjs'))
    expect((await exec(process.execPath, [join(dir, 'grad.mjs')])).stdout.trim()).toBe('0.5')
  })

  it('loads a tfjs backend imported for what loading it does, where it is imported', async () => {
    await writeFile(join(dir, 'side.ts'), "import '@tensorflow/tfjs-backend-cpu'\nimport * as tf from '@tensorflow/tfjs-core'\nconsole.log(typeof tf.findBackendFactory('cpu'))\n")
    await bundleModule(join(dir, 'side.ts'), join(dir, 'side.mjs'))
    expect((await exec(process.execPath, [join(dir, 'side.mjs')])).stdout.trim()).toBe('function')
  })

  it('writes ASCII only, and returns the sources it bundled outside node_modules', async () => {
    // Outside node_modules, as the CLI's sources. esbuild escapes the string but keeps a comment inside an expression as written.
    const src = await mkdtemp(join(tmpdir(), 'bundle-ascii-'))
    await writeFile(join(src, 'dash.ts'), "const x = (\n  // kept — with a dash\n  'é'\n)\nconsole.log(JSON.stringify(x))\n")
    try {
      const sources = await bundleModule(join(src, 'dash.ts'), join(src, 'dash.mjs'))
      expect(sources).toEqual([join(src, 'dash.ts')])
      expect(await readFile(join(src, 'dash.mjs'), 'latin1')).not.toMatch(/[^\x00-\x7f]/)
      expect(JSON.parse((await exec(process.execPath, [join(src, 'dash.mjs')])).stdout)).toBe('é')
    } finally {
      await rm(src, { recursive: true, force: true })
    }
  })
})
