import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

// The house rule (STYLE.md: functions under ~60 lines) for every source folder: ml/, deploy/, nodes/, runtime/, editor/.
// A line counts when it holds code (not blank, not only a comment); a function's lines include
// those of the functions nested in it. Tests (describe blocks) and AssemblyScript are not checked.
const root = resolve(__dirname, '../../..')
const FOLDERS = ['ml', 'deploy', 'nodes', 'runtime', 'editor']
const LIMIT = 60

interface LongFunction {
  where: string
  name: string
  lines: number
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx)$/.test(e.name) && !/\.(test|e2e)\.tsx?$|\.d\.ts$|\.as\.ts$/.test(e.name) ? [path] : []
  })
}

function functionName(node: ts.FunctionLikeDeclaration, sf: ts.SourceFile): string {
  if (node.name) return node.name.getText(sf)
  const parent = node.parent
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) return parent.name.getText(sf)
  return '(anonymous)'
}

/** The functions of one source text with more code lines than `limit`. */
function longFunctions(file: string, text: string, limit: number): LongFunction[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  const isCode = text.split('\n').map((l) => {
    const t = l.trim()
    return t !== '' && !t.startsWith('//') && !t.startsWith('*') && !t.startsWith('/*')
  })
  const found: LongFunction[] = []
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line
      const last = sf.getLineAndCharacterOfPosition(node.end).line
      let lines = 0
      for (let i = first; i <= last; i++) if (isCode[i]) lines++
      if (lines > limit) found.push({ where: `${file}:${first + 1}`, name: functionName(node as ts.FunctionLikeDeclaration, sf), lines })
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
  return found
}

describe(`functions in ${FOLDERS.join('/, ')}/ stay within ${LIMIT} lines of code`, () => {
  it('finds none longer: split a long one into named helpers', () => {
    const long = FOLDERS.flatMap((folder) =>
      sourceFiles(join(root, folder)).flatMap((path) => longFunctions(relative(root, path), readFileSync(path, 'utf8'), LIMIT)),
    )
    expect(long.map((f) => `${f.where} ${f.name}: ${f.lines} lines of code`)).toEqual([])
  })

  it('counts code lines, not blanks or comments, and names the function', () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `  const v${i} = ${i}\n\n  // a comment`).join('\n')
    const text = `export function fits() {\n${body(58)}\n}\nconst tooLong = () => {\n${body(60)}\n}\n`
    expect(longFunctions('x.ts', text, LIMIT)).toEqual([{ where: `x.ts:${58 * 3 + 3}`, name: 'tooLong', lines: 62 }])
  })
})
