import { beforeAll, describe, expect, it } from 'vitest'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import { NodeCache } from '../../runtime/cache/node-cache'
import { loadDocument } from '../../runtime/document/load'
import type { GraphDocument } from '../../runtime/document/schema'
import { runGraph } from '../../runtime/exec/executor'
import { computeKeys } from '../../runtime/keys/cache-keys'
import type { Agent } from '../../ml/rl/agent'
import { graph } from '../../tests/support/graph'
import { createRegistry } from '../index'

const registry = createRegistry()

async function agentOf(doc: GraphDocument, cache: NodeCache) {
  const report = await runGraph({ doc, registry, cache, scope: 'rl-continue' })
  const hit = await cache.get(computeKeys(doc, registry).get('agent')!.key)
  if (hit.status !== 'hit') throw new Error(report.nodes.agent.error ?? 'no agent in the cache')
  return { report: report.nodes.agent, agent: (hit.value as { agent: Agent }).agent }
}

const maze = (episodes: number) =>
  graph(
    [
      ['env', 'rl.frozen-lake'],
      ['agent', 'rl.q-learning', { episodes, explorationEpisodes: 150, seed: 3 }],
    ],
    ['env.environment->agent.environment'],
  )
const cartpole = (episodes: number) =>
  graph(
    [
      ['env', 'rl.cartpole'],
      ['agent', 'rl.dqn', { episodes, layers: [{ units: 8 }], bufferSize: 300, learningStarts: 20, explorationSteps: 200, evalEvery: 4, evalEpisodes: 1, seed: 2 }],
    ],
    ['env.environment->agent.environment'],
  )

describe('RL agent nodes: raising episodes continues the cached run', () => {
  beforeAll(async () => {
    await setupNodeBackend('cpu')
  })

  it('Q-learning: the reason says so and the agent equals a run from scratch', async () => {
    const cache = new NodeCache()
    await agentOf(maze(100), cache)
    const longer = await agentOf(maze(250), cache)
    expect(longer.report).toMatchObject({ status: 'ran', reason: 'continued from episode 100 (params changed: episodes)' })
    const scratch = await agentOf(maze(250), new NodeCache())
    expect(scratch.report.reason).toBe('no cache entry')
    expect(longer.agent).toEqual(scratch.agent)
    expect(longer.report.summary).toEqual(scratch.report.summary)
  })

  it('DQN on CartPole: networks, optimizer, buffer and ε carry over; equal to a run from scratch on cpu', async () => {
    const cache = new NodeCache()
    await agentOf(cartpole(5), cache)
    const longer = await agentOf(cartpole(9), cache)
    expect(longer.report.reason).toBe('continued from episode 5 (params changed: episodes)')
    expect(longer.agent).toEqual((await agentOf(cartpole(9), new NodeCache())).agent)
  })

  it('reads a version-1 Q-learning node: the exploration share becomes a number of episodes', () => {
    const doc = maze(300)
    doc.nodes[1] = { ...doc.nodes[1], version: 1, params: { episodes: 300, epsilonFraction: 0.5 } }
    const loaded = loadDocument(JSON.stringify(doc), registry)
    if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join(' '))
    expect(loaded.doc.nodes[1].params).toEqual({ episodes: 300, explorationEpisodes: 150 })
  })
})
