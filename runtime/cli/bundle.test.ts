import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
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
const before = loaded('sql.js')
const sql = await import('sql.js')
const tfRequired = createRequire(import.meta.url)('@tensorflow/tfjs-core')
console.log(JSON.stringify({ rows: Papa.parse('a,b\\n1,2').data, envPaths: typeof envPaths, oneTf: tf.engine() === tfRequired.engine(), sqlBefore: before, sqlAfter: loaded('sql.js'), sqlInit: typeof sql.default }))
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

  it('bundles packages in, requires tfjs from node_modules (one engine), and loads an import() only when it runs', async () => {
    expect(text).toMatch(/^\/\/ node_modules\/papaparse\//m)
    expect(text).toMatch(/^\/\/ node_modules\/env-paths\//m)
    expect(text).toContain('__mlcanvasRequire("@tensorflow/tfjs-core")')
    expect(text).not.toMatch(/from "(papaparse|env-paths|@tensorflow\/tfjs-core)"/)
    const { stdout } = await exec(process.execPath, [out])
    expect(JSON.parse(stdout)).toEqual({ rows: [['a', 'b'], ['1', '2']], envPaths: 'function', oneTf: true, sqlBefore: false, sqlAfter: true, sqlInit: 'function' })
  })

  it('names a missing export at build time instead of leaving it undefined at run time', async () => {
    await writeFile(join(dir, 'bad.ts'), "import { notAnExport } from '@tensorflow/tfjs-core'\nconsole.log(notAnExport)\n")
    await expect(bundleModule(join(dir, 'bad.ts'), join(dir, 'bad.mjs'))).rejects.toThrow(/notAnExport/)
  })
})
