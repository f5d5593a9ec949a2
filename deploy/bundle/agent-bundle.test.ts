import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import { NodeCache } from '../../runtime/cache/node-cache'
import { runGraph } from '../../runtime/exec/executor'
import { computeKeys } from '../../runtime/keys/cache-keys'
import { argmax, type Agent } from '../../ml/rl/agent'
import { dqn } from '../../ml/rl/dqn'
import { parseGridMap } from '../../ml/rl/grid-map'
import { MAZE } from '../../ml/rl/maps'
import { createRegistry } from '../../nodes'
import { graph } from '../../tests/support/graph'
import { bundleFiles, type BundleValue } from '../bundle/value'
import { exportCommand } from '../cli/commands'
import { readBundleDir } from '../cli/bundle-dir'
import { loadScorer } from '../scorer/scorer'
import { buildServer } from '../server/app'

const registry = createRegistry()
const maze = graph(
  [
    ['env', 'rl.grid-world'],
    ['q', 'rl.q-learning', { episodes: 400, seed: 1 }],
  ],
  ['env.environment->q.environment'],
)

describe('trained agents leave the canvas as bundles', () => {
  let app: ReturnType<typeof buildServer> | undefined
  beforeAll(async () => {
    await setupNodeBackend('cpu')
  })
  afterAll(async () => {
    await app?.close()
  })

  it('pipeline export writes a Q-learning agent’s bundle; the scorer and pipeline serve give the greedy action and Q-values', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mlcanvas-agent-'))
    await writeFile(join(dir, 'maze.json'), JSON.stringify(maze))
    const out = join(dir, 'bundle')
    expect(await exportCommand([join(dir, 'maze.json'), '--node', 'q', '-o', out, '--cache-dir', join(dir, 'cache')])).toBe(0)
    const scorer = await loadScorer(await readBundleDir(out))
    const { manifest } = scorer.bundle
    expect(manifest.model).toEqual({ family: 'rl-agent', task: 'classification', features: ['state'], classes: ['left', 'down', 'right', 'up'] })

    // The agent as the canvas has it, for the expected values.
    const cache = new NodeCache()
    await runGraph({ doc: maze, registry, cache })
    const hit = await cache.get(computeKeys(maze, registry).get('q')!.key)
    const agent = (hit as { value: { agent: Agent } }).value.agent
    const start = parseGridMap(MAZE).start
    const q = Array.from((agent.state.q as Float64Array).subarray(start * 4, start * 4 + 4))
    const expected = { label: 'right', scores: { left: q[0], down: q[1], right: q[2], up: q[3] } }
    expect(argmax(q)).toBe(2)
    expect(scorer.scoreInstances([{ state: start }]).predictions).toEqual([expected])

    app = buildServer(new Map([['maze', scorer]]))
    const res = await app.inject({ method: 'POST', url: '/v1/models/maze:predict', payload: { instances: [{ state: start }, { state: String(start) }] } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ predictions: [expected, expected] })
    const bad = await app.inject({ method: 'POST', url: '/v1/models/maze:predict', payload: { instances: [{ state: 'left' }] } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().error).toContain('instances[0].state: expected a number')
  })

  it('the Export node packs a DQN agent: CartPole observations in, its greedy push out', async () => {
    const doc = graph(
      [
        ['env', 'rl.cartpole'],
        ['agent', 'rl.dqn', { episodes: 3, layers: [{ units: 8 }], learningStarts: 10, bufferSize: 100, evalEvery: 0 }],
        ['export', 'deploy.export', { name: 'cartpole' }],
      ],
      ['env.environment->agent.environment', 'agent.agent->export.model'],
    )
    const cache = new NodeCache()
    const report = await runGraph({ doc, registry, cache })
    expect(report.nodes.export.status).toBe('ran')
    const keys = computeKeys(doc, registry)
    const bundle = ((await cache.get(keys.get('export')!.key)) as { value: { bundle: BundleValue } }).value.bundle
    const agent = ((await cache.get(keys.get('agent')!.key)) as { value: { agent: Agent } }).value.agent
    const scorer = await loadScorer(bundleFiles(bundle))
    const obs = { cart_position: 0.1, cart_velocity: -0.2, pole_angle: 0.05, pole_angular_velocity: 0.3 }
    const values = Array.from(dqn.actionValues(agent.state, Float64Array.from(Object.values(obs))))
    const [prediction] = scorer.scoreInstances([obs]).predictions as { label: string; scores: Record<string, number> }[]
    expect(prediction.label).toBe(['push left', 'push right'][argmax(values)])
    expect(prediction.scores).toEqual({ 'push left': values[0], 'push right': values[1] })
    expect(bundle.files.map((f) => f.path).sort()).toEqual(['bundle.json', 'lineage.json', 'model-state.json'])
  })
})
