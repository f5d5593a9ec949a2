import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { ROOT } from './lib/proc'

// The quick smoke run of `npm run bench`: its numbers mean nothing, its shape and the
// runtime behaviour it observes (cache hits, tensor count) are checked.
// The browser and editor parts (Vite builds and Chromium), the RL part (minutes of DQN training), the queue part (Redis and
// worker processes; tests/integration/queue-workers.test.ts runs them for real) and the deploy part
// (a model server under load, big CSV files) are left to `npm run bench`.
describe('npm run bench -- --quick --json', () => {
  it('prints exactly one JSON object with every figure, its target and whether it is met', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'tests/bench/run.ts', '--quick', '--json', '--skip', 'browser,editor,rl,deploy,search,queue,scaleRuns'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 58_000,
    })
    expect(r.status, r.stderr.slice(-2000)).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.machine).toMatch(/cores, [\d.]+ GiB, Node v\d+/)
    expect(out.backend).toMatch(/^wasm/)
    for (const key of [
      'overheadRatio',
      'fitVsLoopRatio',
      'leafEditFraction',
      'reloadFraction',
      'schedule10kMs',
      'cacheWriteMBps',
      'cacheReadMBps',
      'modelEncodeMs',
      'peakRssMB',
    ]) {
      expect(typeof out[key], key).toBe('number')
      expect(out[key], key).toBeGreaterThan(0)
    }
    expect(out.targets).toMatchObject({ overheadRatio: 1.05, leafEditFraction: 0.02, reloadFraction: 0.1, schedule10kMs: 50 })
    expect(out.met.overheadRatio).toBe(out.overheadRatio <= 1.05)
    expect(out.backendRatios.wasm).toBe(1)
    expect(out.backendRatios.cpu).toBeGreaterThan(0)
    expect(out.errors).toEqual({})
    // Behaviour behind the figures: a leaf edit re-runs one node, a new process re-uses every
    // entry of the cache directory, and two in-process runs leave no tensors behind.
    expect(out.details.incremental.ranAfterEdit).toBe(1)
    expect(out.details.incremental.reload.warmRan).toBe(0)
    expect(out.details.incremental.reload.warmCached).toBe(7)
    expect(out.tensorsLeaked).toBe(0)
  }, 60_000)
})
