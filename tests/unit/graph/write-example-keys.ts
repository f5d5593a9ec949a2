/**
 * Writes tests/fixtures/plan/example-keys.json from the current key code: `npx tsx tests/unit/graph/write-example-keys.ts`.
 * Run it only when keys are meant to change (every saved cache then misses).
 */
import { writeFileSync } from 'node:fs'
import { keyedGraphs, keyLines } from './example-keys'

const expected = Object.fromEntries(keyedGraphs().map((g) => [g.name, keyLines(g)]))
writeFileSync('tests/fixtures/plan/example-keys.json', JSON.stringify(expected, null, 1) + '\n')
