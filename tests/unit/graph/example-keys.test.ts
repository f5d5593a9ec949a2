import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { keyedGraphs, keyLines } from './example-keys'

// Written by write-example-keys.ts before the key code was last made faster: saved caches stay valid.
const expected = JSON.parse(readFileSync('tests/fixtures/plan/example-keys.json', 'utf8')) as Record<string, string[]>

describe('cache keys are the ones saved caches were written with', () => {
  const graphs = keyedGraphs()

  it('covers every graph in the fixture', () => {
    expect(graphs.map((g) => g.name).sort()).toEqual(Object.keys(expected).sort())
  })

  it.each(graphs.map((g) => [g.name, g] as const))('%s', (_name, graph) => {
    const lines = keyLines(graph)
    expect(lines.length).toBeGreaterThan(3)
    expect(lines).toEqual(expected[graph.name])
  })
})
