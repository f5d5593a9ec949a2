import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DirRunHistory } from './dir-history'
import { KEEP_RUNS, newRunId, type RunEntry } from './run-entry'

const entry = (at: number, scope: string): RunEntry => ({
  id: newRunId(at, () => 0.5),
  at: new Date(at).toISOString(),
  scope,
  title: scope,
  graphHash: 'h',
  backend: 'wasm',
  ms: 1,
  ran: 1,
  cached: 0,
  failed: 0,
  params: {},
  changed: [],
  metrics: {},
  curves: {},
  doc: { format: 'mlcanvas/graph', version: 2, nodes: [], edges: [] } as unknown as RunEntry['doc'],
})

describe('DirRunHistory.latest (the previous run a CLI run compares its params with)', () => {
  let dir: string
  let history: DirRunHistory
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dir-history-'))
    history = new DirRunHistory(dir)
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  it("gives the newest readable run of the scope, the one list() would find, past other scopes' and damaged files", async () => {
    for (const [at, scope] of [[1000, 'a'], [2000, 'a'], [3000, 'b']] as const) await history.add(entry(at, scope))
    await writeFile(join(dir, 'runs', `${newRunId(4000, () => 0.5)}.json`), '{ damaged')
    const latest = await history.latest('a')
    expect(latest?.at).toBe(new Date(2000).toISOString())
    expect(latest).toEqual((await history.list()).find((r) => r.scope === 'a'))
    expect(await history.latest('c')).toBeUndefined()
  })

  it('has none before the first run', async () => {
    expect(await history.latest('a')).toBeUndefined()
  })

  it("finds a run written by an earlier version (untagged name) and reads no other graph's runs", async () => {
    await history.add(entry(1000, 'a'))
    const old = entry(2000, 'a')
    await writeFile(join(dir, 'runs', `${old.id}.json`), JSON.stringify(old))
    // Another graph's newer run, its content changed to name 'a': only a lookup that opens other graphs' files finds it.
    await history.add(entry(3000, 'b'))
    const [bFile] = (await readdir(join(dir, 'runs'))).sort().slice(-1)
    await writeFile(join(dir, 'runs', bFile), JSON.stringify({ ...entry(3000, 'a'), title: 'read by mistake' }))
    const latest = await history.latest('a')
    expect(latest?.at).toBe(new Date(2000).toISOString())
    expect(latest?.title).toBe('a')
  })

  it(`keeps the newest ${KEEP_RUNS} runs`, async () => {
    for (let i = 0; i < KEEP_RUNS + 3; i++) await history.add(entry(1000 + i, i % 2 ? 'a' : 'b'))
    const runs = await history.list()
    expect(runs).toHaveLength(KEEP_RUNS)
    expect(runs.at(-1)?.at).toBe(new Date(1003).toISOString())
    expect(runs[0].at).toBe(new Date(1000 + KEEP_RUNS + 2).toISOString())
  })
})
