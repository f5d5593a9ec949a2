import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunReport } from '../../../runtime/exec/events'
import { seededRandom } from '../../../runtime/exec/rng'
import type { Registry } from '../../../runtime/registry'
import type { PartResult } from '../report'
import { benchGraph, missingTypes, writeGraph } from '../lib/graphs'
import { CLI, warmCli } from '../lib/cli-bundle'
import { lastJson, runTs } from '../lib/proc'

/** CSV text: 8 numeric features, a categorical one, and a yes/no label that depends on them. */
export function syntheticCsv(rows: number): string {
  const random = seededRandom(3)
  const lines = ['f1,f2,f3,f4,f5,f6,f7,f8,colour,label']
  const colours = ['red', 'green', 'blue']
  for (let i = 0; i < rows; i++) {
    const f = Array.from({ length: 8 }, () => random() * 2 - 1)
    const colour = colours[Math.floor(random() * 3)]
    const label = f[0] + 0.5 * f[1] - f[2] + (colour === 'red' ? 0.3 : 0) + 0.3 * (random() - 0.5) > 0 ? 'yes' : 'no'
    lines.push(`${f.map((v) => v.toFixed(5)).join(',')},${colour},${label}`)
  }
  return lines.join('\n') + '\n'
}

/** Peak RSS of the CLI running the CSV pipeline on a freshly written `rows`-row file. */
export async function measureMemory(registry: Registry, rows: number): Promise<PartResult> {
  const doc = benchGraph('csv-pipeline')
  const missing = missingTypes(doc, registry)
  const label = `CLI peak RSS, ${rows}-row CSV pipeline`
  if (missing.length) {
    return { figures: [{ key: 'peakRssMB', label, value: null, unit: 'MB', note: `node types not available yet: ${missing.join(', ')}` }] }
  }
  const dir = await mkdtemp(join(tmpdir(), 'bench-memory-'))
  try {
    const csv = syntheticCsv(rows)
    await writeFile(join(dir, 'data.csv'), csv)
    const path = await writeGraph(dir, 'csv-pipeline', doc)
    await warmCli()
    const r = await runTs(CLI, ['run', path, '--json', '--no-cache', '--backend', 'wasm'], { tsx: false })
    const report = lastJson<RunReport>(r, 'the CLI (CSV pipeline)')
    const failed = Object.entries(report.nodes).find(([, n]) => n.status !== 'ran')
    if (failed) throw new Error(`CSV pipeline: node ${failed[0]} ${failed[1].status}: ${failed[1].error ?? ''}`)
    return {
      figures: [
        { key: 'peakRssMB', label, value: r.peakRssMB, unit: 'MB', note: `${(csv.length / 2 ** 20).toFixed(1)} MB file, run ${(report.ms / 1000).toFixed(2)} s` },
      ],
      details: { rows, csvBytes: csv.length, runMs: report.ms, wallMs: r.wallMs },
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
