import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { GraphDocument } from '../../../runtime/document/schema'
import type { RunReport } from '../../../runtime/exec/events'
import type { PartResult } from '../report'
import { withParams, writeGraph } from '../lib/graphs'
import { CLI, warmCli } from '../lib/cli-bundle'
import { lastJson, ROOT, runTs } from '../lib/proc'

export interface RlBenchConfig {
  /** DQN training episodes for CartPole (the example's own number in the full run). */
  dqnEpisodes?: number
  evalEpisodes?: number
}

async function example(name: string): Promise<GraphDocument> {
  return JSON.parse(await readFile(join(ROOT, 'examples', `${name}.json`), 'utf8')) as GraphDocument
}

/** Runs a graph through the CLI (the public entry) and returns its report; throws on a failed node. */
async function runGraph(dir: string, name: string, doc: GraphDocument): Promise<RunReport> {
  const path = await writeGraph(dir, name, doc)
  const r = await runTs(CLI, ['run', path, '--json', '--no-cache', '--backend', 'wasm'], { tsx: false, timeoutMs: 1_800_000 })
  const report = lastJson<RunReport>(r, `the CLI (${name})`)
  const failed = Object.entries(report.nodes).find(([, n]) => n.status !== 'ran')
  if (failed) throw new Error(`${name}: node ${failed[0]} ${failed[1].status}: ${failed[1].error ?? ''}`)
  return report
}

const num = (report: RunReport, node: string, key: string) => Number((report.nodes[node].summary as Record<string, unknown>)[key])

/**
 * Reinforcement learning (issue 13): the CartPole DQN example trained in full through the CLI
 * (time, and the mean return of 100 greedy episodes against the 195 "solved" level), and the
 * maze Q-learning example (time, and the greedy path length against the BFS shortest path).
 */
export async function measureRl(c: RlBenchConfig): Promise<PartResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-rl-'))
  try {
    await warmCli()
    let cart = await example('cartpole-dqn')
    if (c.dqnEpisodes !== undefined) cart = withParams(cart, { dqn: { episodes: c.dqnEpisodes }, eval: { episodes: c.evalEpisodes ?? 100 } })
    const cartReport = await runGraph(dir, 'cartpole-dqn', cart)
    const maze = await runGraph(dir, 'maze-q-learning', await example('maze-q-learning'))
    const dqnMs = cartReport.nodes.dqn.ms ?? NaN
    const episodes = num(cartReport, 'dqn', 'episodes')
    const steps = num(cartReport, 'dqn', 'steps')
    const evalEpisodes = num(cartReport, 'eval', 'episodes')
    return {
      figures: [
        {
          key: 'cartpoleDqnReturn',
          label: `CartPole-v1 DQN: mean return of ${evalEpisodes} greedy episodes`,
          value: num(cartReport, 'eval', 'meanReturn'),
          unit: 'count',
          target: { op: '>=', value: 195 },
          note: `± ${num(cartReport, 'eval', 'stdReturn').toFixed(1)}; ${episodes} training episodes, ${steps} steps`,
        },
        { key: 'cartpoleDqnTrainMs', label: 'CartPole-v1 DQN: training time', value: dqnMs, unit: 'ms', note: `${((dqnMs / steps) * 1000).toFixed(0)} µs per step` },
        {
          key: 'mazeQLearningPath',
          label: 'Maze Q-learning: greedy path length (BFS shortest = 26)',
          value: num(maze, 'eval', 'meanLength'),
          unit: 'count',
          target: { op: '=', value: 26 },
          note: `${num(maze, 'q', 'episodes')} episodes in ${(maze.nodes.q.ms ?? NaN).toFixed(0)} ms`,
        },
      ],
      details: { cartpole: cartReport.nodes, maze: maze.nodes },
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
