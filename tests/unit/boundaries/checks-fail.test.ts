import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

// The repository's own import rules and knip config, run on a small tree of modules that
// break each rule once: proof that the checks of tests/boundaries/check.sh can fail.
const root = resolve(__dirname, '../../..')
const dirs: string[] = []
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlcanvas-boundaries-'))
  dirs.push(dir)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

const TSCONFIG = JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true } })

describe('import directions (.dependency-cruiser.cjs)', () => {
  it('names every rule a module breaks, and passes the allowed arrows', () => {
    const dir = tree({
      'tsconfig.json': TSCONFIG,
      'node_modules/react/package.json': JSON.stringify({ name: 'react', main: 'index.js' }),
      'node_modules/react/index.js': 'export const useState = 1\n',
      'runtime/values/v.ts': 'export const v = 1\n',
      'runtime/exec/rng.ts': 'export const rng = 1\n',
      'ml/pure.ts': "import { v } from '../runtime/values/v'\nexport const pure = v\n",
      'ml/impure.ts': "import { rng } from '../runtime/exec/rng'\nimport { useState } from 'react'\nexport const impure = [rng, useState]\n",
      'nodes/n.ts': "import { pure } from '../ml/pure'\nimport { e } from '../editor/e'\nexport const n = [pure, e]\n",
      'runtime/b.ts': "import { n } from '../nodes/n'\nexport const b = n\n",
      'runtime/cli/main.ts': "import { n } from '../../nodes/n'\nexport const main = n\n",
      'editor/e.ts': "import { impure } from '../ml/impure'\nimport { main } from '../runtime/cli/main'\nexport const e = [impure, main]\n",
      'editor/missing.ts': "import { nothing } from '../runtime/nothing'\nexport const m = nothing\n",
    })
    const run = spawnSync(
      join(root, 'node_modules/.bin/depcruise'),
      ['runtime', 'ml', 'nodes', 'editor', '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'json'],
      { cwd: dir, encoding: 'utf8' },
    )
    const { summary } = JSON.parse(run.stdout) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } }
    const found = summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort()
    expect(found).toEqual([
      'editor-through-runtime: editor/e.ts → ml/impure.ts',
      'ml-imports-only-values: ml/impure.ts → runtime/exec/rng.ts',
      'no-ui-below-editor: ml/impure.ts → node_modules/react/index.js',
      'no-ui-below-editor: nodes/n.ts → editor/e.ts',
      'nodes-not-app: nodes/n.ts → editor/e.ts',
      'not-to-unresolvable: editor/missing.ts → ../runtime/nothing',
      'runtime-not-nodes: runtime/b.ts → nodes/n.ts',
    ])
    // check.sh's human-readable form fails the same tree, with each rule's advice.
    const text = spawnSync(join(root, 'node_modules/.bin/depcruise'), ['runtime', 'ml', 'nodes', 'editor', '--config', join(root, '.dependency-cruiser.cjs'), '--output-type', 'err-long'], { cwd: dir, encoding: 'utf8' })
    expect(text.status).not.toBe(0)
    expect(text.stdout).toContain('Pass what it needs in as an argument')
  })
})

describe('unused code and dependencies (knip.jsonc)', () => {
  it('reports an unused file, dependency and export', () => {
    const dir = tree({
      'tsconfig.json': TSCONFIG,
      'package.json': JSON.stringify({ name: 'probe', type: 'module', dependencies: { 'left-pad': '1.3.0' } }),
      'runtime/cli/main.ts': "import { used } from '../lib'\nconsole.log(used)\n",
      'runtime/lib.ts': 'export const used = 1\nexport const unusedExport = 2\n',
      'runtime/orphan.ts': 'export const orphan = 3\n',
    })
    copyFileSync(join(root, 'knip.jsonc'), join(dir, 'knip.jsonc'))
    const run = spawnSync(join(root, 'node_modules/.bin/knip'), ['--no-progress', '--reporter', 'json'], { cwd: dir, encoding: 'utf8' })
    expect(run.status).toBe(1)
    const report = JSON.parse(run.stdout) as { issues: { file: string; dependencies: { name: string }[]; exports: { name: string }[]; files?: unknown }[] }
    const byFile = new Map(report.issues.map((i) => [i.file, i]))
    expect(byFile.get('package.json')?.dependencies.map((d) => d.name)).toEqual(['left-pad'])
    expect(byFile.get('runtime/lib.ts')?.exports.map((e) => e.name)).toEqual(['unusedExport'])
    expect(run.stdout).toContain('runtime/orphan.ts')
  })
})
