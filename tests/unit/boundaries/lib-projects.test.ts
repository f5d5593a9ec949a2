import { readdirSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = resolve(__dirname, '../../..')

function project(name: string): ts.ParsedCommandLine {
  const path = join(root, name)
  const { config } = ts.readConfigFile(path, ts.sys.readFile)
  return ts.parseJsonConfigFileContent(config, ts.sys, dirname(path))
}

/**
 * Type-checks in-memory modules under a project's options (its libs, types and .d.ts files), one
 * program for all of them (loading the libs is most of the time); the errors of each module.
 */
function errorsOf(name: string, sources: string[]): string[][] {
  const parsed = project(name)
  const probes = sources.map((_, i) => join(root, 'runtime', `__lib_probe_${i}__.ts`))
  const host = ts.createCompilerHost(parsed.options)
  const getSourceFile = host.getSourceFile.bind(host)
  host.getSourceFile = (file, lang, ...rest) => {
    const i = probes.indexOf(file)
    return i >= 0 ? ts.createSourceFile(file, sources[i], lang) : getSourceFile(file, lang, ...rest)
  }
  const fileExists = host.fileExists.bind(host)
  host.fileExists = (file) => probes.includes(file) || fileExists(file)
  const declarations = parsed.fileNames.filter((f) => f.endsWith('.d.ts'))
  const program = ts.createProgram([...probes, ...declarations], parsed.options, host)
  return probes.map((p) =>
    ts.getPreEmitDiagnostics(program, program.getSourceFile(p)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
  )
}

function tsFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    // *.as.ts is AssemblyScript, compiled by asc (npm run build:kernel), not by tsc.
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts') && !f.endsWith('.as.ts'))
    .map((f) => join(dir, f))
}

describe('the no-DOM project of runtime/, ml/ and nodes/ (tsconfig.core.json)', () => {
  it('refuses DOM and worker-only globals, accepts what Node and workers both have', () => {
    const [doc, win, canvas, shared] = errorsOf('tsconfig.core.json', [
      'export const t = document.title',
      'export const w = window.innerWidth',
      'export const c = new OffscreenCanvas(1, 1)',
      `export const bytes = new TextEncoder().encode('a')
       export const timer = setTimeout(() => {}, 1)
       export const mod = WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))`,
    ])
    expect(doc).toEqual([expect.stringMatching(/^Cannot find name 'document'/)])
    expect(win).toEqual([expect.stringMatching(/^Cannot find name 'window'/)])
    expect(canvas.join()).toMatch(/OffscreenCanvas/)
    expect(shared).toEqual([])
  })

  it('leaves no file of runtime/, ml/ or nodes/ outside both projects', () => {
    const checked = new Set([...project('tsconfig.core.json').fileNames, ...project('tsconfig.worker.json').fileNames].map((f) => relative(root, f)))
    const missing = ['runtime', 'ml', 'nodes'].flatMap(tsFiles).filter((f) => !checked.has(f))
    expect(missing).toEqual([])
  })
})

describe('the browser-only runtime modules (tsconfig.worker.json)', () => {
  it('has the worker scope and IndexedDB but not the DOM', () => {
    const [worker, doc] = errorsOf('tsconfig.worker.json', ["self.postMessage('ready'); export const db = indexedDB.open('x')", 'export const t = document.title'])
    expect(worker).toEqual([])
    expect(doc).toEqual([expect.stringMatching(/^Cannot find name 'document'/)])
  })
})
