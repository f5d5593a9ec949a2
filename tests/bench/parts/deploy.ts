import { spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import type { Figure, PartResult } from '../report'
import { CLI, warmCli } from '../lib/cli-bundle'
import { ROOT, runTs } from '../lib/proc'

/** Raw customer rows (the churn example's columns, its messy spellings) until the file reaches `mb`. */
async function writeCustomers(path: string, mb: number): Promise<number> {
  const out = createWriteStream(path)
  const cities = ['Boston', 'boston', 'New York', 'NY', 'Chicago', 'CHICAGO']
  const plans = ['Basic', 'Premium', 'basic ', 'PREMIUM ']
  out.write('customer_id,age,city,income,plan,visits\n')
  let bytes = 0
  let rows = 0
  while (bytes < mb * 2 ** 20) {
    let chunk = ''
    for (let k = 0; k < 10_000; k++, rows++) {
      const i = rows
      chunk += `C${i},${20 + (i % 50)},${cities[i % 6]},${30000 + ((i * 7919) % 100000)},"${plans[i % 4]}",${i % 30}\n`
    }
    bytes += chunk.length
    if (!out.write(chunk)) await new Promise((r) => out.once('drain', r))
  }
  await new Promise<void>((r) => out.end(() => r()))
  return rows
}

async function predictFigures(dir: string, sizes: readonly number[]): Promise<Figure[]> {
  const figures: Figure[] = []
  for (const mb of sizes) {
    const input = join(dir, `rows-${mb}.csv`)
    const rows = await writeCustomers(input, mb)
    const r = await runTs(CLI, ['predict', join(dir, 'churn'), input, '-o', join(dir, 'scored.csv')], { tsx: false, timeoutMs: 3_600_000 })
    if (r.code !== 0) throw new Error(`pipeline predict failed: ${r.stderr.slice(-300)}`)
    const size = (await stat(input)).size / 2 ** 20
    const note = `${rows.toLocaleString('en')} rows, ${size.toFixed(0)} MB in ${(r.wallMs / 1000).toFixed(1)} s (${Math.round(rows / (r.wallMs / 1000)).toLocaleString('en')} rows/s)`
    figures.push({ key: `predictRssMB_${mb}`, label: `pipeline predict peak RSS, ${mb} MB CSV`, value: r.peakRssMB, unit: 'MB', note })
    await rm(input)
  }
  return figures
}

/** Starts `pipeline serve` on a free loopback port; resolves with its address and a stop function. */
async function startServer(bundle: string) {
  const child = spawn('sh', [CLI, 'serve', bundle, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  const address = await new Promise<string>((ok, fail) => {
    child.stdout.on('data', (d) => {
      out += d
      const m = out.match(/at (http:\/\/\S+) /)
      if (m) ok(m[1])
    })
    child.once('exit', (code) => fail(new Error(`pipeline serve exited with ${code}`)))
  })
  const stop = () => new Promise<void>((r) => (child.once('exit', () => r()), child.kill('SIGTERM')))
  return { address, stop }
}

async function loadFigures(dir: string, seconds: number): Promise<Figure[]> {
  const server = await startServer(join(dir, 'churn'))
  const row = { customer_id: 'C1', age: 41, city: 'Boston', income: 52000, plan: 'Basic', visits: 4 }
  const figures: Figure[] = []
  try {
    for (const n of [1, 100]) {
      const body = JSON.stringify({ instances: Array.from({ length: n }, (_, i) => ({ ...row, age: 20 + (i % 50) })) })
      const r = await autocannon({
        url: `${server.address}/v1/models/churn:predict`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        connections: 10,
        duration: seconds,
      })
      if (r.non2xx || r.errors) throw new Error(`load test: ${r.non2xx} non-2xx answers, ${r.errors} errors`)
      const note = `autocannon, 10 connections, ${seconds} s, ${r.requests.total} requests`
      figures.push(
        { key: `serveRps_${n}`, label: `pipeline serve, ${n}-row requests per second`, value: r.requests.average, unit: 'count', note },
        { key: `serveP50_${n}`, label: `pipeline serve, ${n}-row request p50 latency`, value: r.latency.p50, unit: 'ms' },
        { key: `serveP99_${n}`, label: `pipeline serve, ${n}-row request p99 latency`, value: r.latency.p99, unit: 'ms' },
      )
    }
  } finally {
    await server.stop()
  }
  return figures
}

/**
 * Deployment figures: `pipeline predict`'s peak RSS on generated CSV files of growing size
 * (flat means streaming works) and `pipeline serve` under load from autocannon on loopback.
 */
export async function measureDeploy(opts: { predictMB: readonly number[]; loadSeconds: number }): Promise<PartResult> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-deploy-'))
  try {
    await warmCli()
    const graph = join(ROOT, 'examples', 'customer-churn-export.json')
    const r = await runTs(CLI, ['export', graph, '--node', 'export', '-o', join(dir, 'churn'), '--cache-dir', join(dir, 'cache')], { tsx: false })
    if (r.code !== 0) throw new Error(`pipeline export failed: ${r.stderr.slice(-300)}`)
    const figures = [...(await predictFigures(dir, opts.predictMB)), ...(await loadFigures(dir, opts.loadSeconds))]
    return { figures }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
