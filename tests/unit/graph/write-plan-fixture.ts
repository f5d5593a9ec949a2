/**
 * Writes tests/fixtures/plan/expected.json from the current planner: `npx tsx tests/unit/graph/write-plan-fixture.ts`.
 * Run it only when a change to validation, keys or order is meant to change what they return.
 */
import { writeFileSync } from 'node:fs'
import { topologicalOrder } from '../../../runtime/graph/order'
import { buildTopology } from '../../../runtime/graph/topology'
import { computeKeys } from '../../../runtime/keys/cache-keys'
import { hashString } from '../../../runtime/keys/hash'
import { syntheticGraph } from '../../bench/parts/scale'
import { testRegistry } from '../../support/test-nodes'
import { planCorpus, planSignature } from './plan-corpus'

const registry = testRegistry()
const big = syntheticGraph(10_000)
const topo = buildTopology(big)
const keys = computeKeys(big, registry, new Map(), topo)
const expected = {
  corpus: planCorpus(registry, 300).map((doc) => planSignature(doc, registry)),
  synthetic10k: {
    order: hashString(topologicalOrder(topo).order.join(' ')),
    keys: hashString([...keys].map(([id, k]) => `${id}=${k.key}`).join('\n')),
    firstKeys: [...keys].slice(0, 3).map(([id, k]) => `${id}=${k.key}`),
    lastKeys: [...keys].slice(-3).map(([id, k]) => `${id}=${k.key}`),
  },
}
writeFileSync('tests/fixtures/plan/expected.json', JSON.stringify(expected, null, 1) + '\n')
