import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { GraphDocument } from '../../../runtime/document/schema'
import type { RunReport } from '../../../runtime/exec/events'
import { startRedis } from '../../support/redis-server'
import { graph } from '../../support/graph'
import type { PartResult } from '../report'
import { CLI, warmCli } from '../lib/cli-bundle'
import { lastJson, ROOT, runTs } from '../lib/proc'
import { best } from '../lib/stats'

export interface QueueBenchOptions {
  trials: number
  samples: number
  epochs: number
  repeats: number
}

/**
 * `trials` independent trials (an MLP with its own learning rate: train → predict → metrics) on one
 * split: the shape of a random search whose trials do not wait on each other.
 */
export function trialsGraph(o: QueueBenchOptions): GraphDocument {
  const nodes: Parameters<typeof graph>[0] = [
    ['moons', 'data.moons', { samples: o.samples, noise: 0.2, seed: 1 }],
    ['split', 'transform.split', { test: 0.2, validation: 0.2, seed: 0 }],
    ['spec', 'model.mlp', { layers: [{ units: 16, activation: 'relu', dropout: 0 }] }],
  ]
  const edges: Parameters<typeof graph>[1] = ['moons.data->split.data']
  for (let t = 0; t < o.trials; t++) {
    nodes.push([`opt${t}`, 'optimizer.adam', { learningRate: 0.001 * 1.3 ** t }], [`train${t}`, 'train.fit', { epochs: o.epochs, batchSize: 32, seed: 0 }])
    nodes.push([`predict${t}`, 'predict.apply', {}], [`metrics${t}`, 'metric.classification', {}])
    edges.push(`split.data->train${t}.data`, `spec.model->train${t}.model`, `opt${t}.optimizer->train${t}.optimizer`)
    edges.push(`train${t}.model->predict${t}.model`, `split.data->predict${t}.data`, `predict${t}.predictions->metrics${t}.predictions`)
  }
  return graph(nodes, edges)
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const summaries = (r: RunReport) => JSON.stringify(Object.entries(r.nodes).map(([id, n]) => [id, n.status, n.summary]))

/** Starts `count` `pipeline worker` processes and resolves once each serves the queue. */
async function startWorkers(count: number, url: string, cacheDir: string): Promise<ChildProcess[]> {
  const workers = Array.from({ length: count }, () =>
    spawn('sh', [CLI, 'worker', '--queue', url, '--cache-dir', cacheDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] }),
  )
  await Promise.all(
    workers.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          let out = ''
          w.stdout!.on('data', (d) => {
            out += d
            if (out.includes(' serving ')) resolve()
          })
          w.once('exit', (code) => reject(new Error(`a worker exited with ${code} before serving: ${out.slice(-300)}`)))
        }),
    ),
  )
  return workers
}

/** User + system CPU time of processes so far (Linux /proc; NaN elsewhere), in ms. */
async function cpuMs(workers: ChildProcess[]): Promise<number> {
  const tick = 10 // USER_HZ = 100 on Linux
  let total = 0
  for (const w of workers) {
    const stat = await readFile(`/proc/${w.pid}/stat`, 'utf8').catch(() => '')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    total += (Number(fields[11]) + Number(fields[12])) * tick
  }
  return total
}

async function stopWorkers(workers: ChildProcess[]) {
  await Promise.all(workers.map((w) => new Promise((resolve) => (w.exitCode !== null ? resolve(null) : (w.once('exit', resolve), w.kill('SIGTERM'))))))
}

/**
 * The trials graph through `pipeline run --queue` with 1 and with 3 `pipeline worker` processes
 * (Redis on loopback, a fresh shared cache directory per run, the workers started and warmed up before the clock),
 * interleaved, best of the repeats: the ratio of the run times in the reports (without the CLI's
 * start, the same for both), and whether every node's result is the same.
 */
export async function measureQueue(o: QueueBenchOptions): Promise<PartResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-queue-'))
  const redis = await startRedis()
  const wall: Record<'one' | 'three', number[]> = { one: [], three: [] }
  const runMs: Record<'one' | 'three', number[]> = { one: [], three: [] }
  const workerCpu: Record<'one' | 'three', number[]> = { one: [], three: [] }
  const results = new Set<string>()
  try {
    const path = join(dir, 'trials.json')
    await writeFile(path, JSON.stringify(trialsGraph(o)))
    await warmCli()
    for (let r = 0; r < o.repeats; r++) {
      for (const [name, count] of [['one', 1], ['three', 3]] as const) {
        const cacheDir = join(dir, `cache-${name}-${r}`)
        const workers = await startWorkers(count, redis.url, cacheDir)
        try {
          const cpuBefore = await cpuMs(workers)
          const run = await runTs(CLI, ['run', path, '--json', '--cache-dir', cacheDir, '--queue', redis.url], { tsx: false })
          const report = lastJson<RunReport>(run, `the CLI with ${count} workers`)
          if (report.ran !== 3 + 4 * o.trials) throw new Error(`${count} workers: ${report.ran} nodes ran`)
          results.add(summaries(report))
          wall[name].push(run.wallMs)
          runMs[name].push(report.ms)
          workerCpu[name].push((await cpuMs(workers)) - cpuBefore)
        } finally {
          await stopWorkers(workers)
        }
      }
    }
  } finally {
    await redis.stop()
    await rm(dir, { recursive: true, force: true })
  }
  const [one, three] = [best(runMs.one), best(runMs.three)]
  return {
    figures: [
      {
        key: 'queueSpeedup',
        label: `${o.trials} trials on the queue: 1 worker / 3 worker processes (run time)`,
        value: one / three,
        unit: 'x',
        note:
          `${s(one)} vs ${s(three)}, best of ${o.repeats}, on ${cpus().length} cores (bounded by the cores, not the workers); ` +
          `workers' CPU in the run ${s(best(workerCpu.one))} vs ${s(best(workerCpu.three))}; CLI wall with its start ${s(best(wall.one))} vs ${s(best(wall.three))}`,
      },
      { key: 'queueSameResults', label: 'same results with 1 and 3 queue workers', value: results.size === 1 ? 1 : 0, unit: 'bool', target: { op: '=', value: 1 } },
    ],
    details: { ...o, wallMs: wall, runMs, workerCpuMs: workerCpu },
  }
}
