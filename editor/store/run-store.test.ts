import { describe, expect, it } from 'vitest'
import type { RunEvent } from '../../runtime/exec/events'
import { createRunStore, displayState } from './run-store'

describe('run store', () => {
  it('applies a batch of events as one update, with the same result as one by one', () => {
    const events: RunEvent[] = [
      { type: 'queued', nodeId: 'a' },
      { type: 'queued', nodeId: '__proto__' },
      { type: 'running', nodeId: 'a', reason: 'no cache entry' },
      { type: 'progress', nodeId: 'a', fraction: 0.5, data: { epoch: 1, loss: 0.9 } },
      { type: 'done', nodeId: 'a', ms: 3, summary: { value: 1 }, reason: 'no cache entry' },
      { type: 'blocked', nodeId: '__proto__', by: 'a' },
      { type: 'run-end', report: { backend: 'cpu', nodes: {}, ran: 1, cached: 0, ms: 3 } },
    ]
    const one = createRunStore()
    one.getState().begin({ a: 'k1' })
    for (const e of events) one.getState().apply(e)
    const batch = createRunStore()
    batch.getState().begin({ a: 'k1' })
    let updates = 0
    batch.subscribe(() => updates++)
    batch.getState().applyAll(events)
    expect(updates).toBe(1)
    const { runs, running, lastRun, runCount } = batch.getState()
    expect({ runs, running, lastRun, runCount }).toEqual({ runs: one.getState().runs, running: false, lastRun: one.getState().lastRun, runCount: 1 })
    expect(runs.get('__proto__')?.phase).toBe('blocked')
  })

  it('follows a node through queued, running with a live loss curve, and done', () => {
    const s = createRunStore()
    s.getState().begin({ t: 'k1' })
    s.getState().apply({ type: 'queued', nodeId: 't' })
    expect(s.getState().runs.get('t')!.phase).toBe('queued')
    s.getState().apply({ type: 'running', nodeId: 't', reason: 'no cache entry' })
    s.getState().apply({ type: 'progress', nodeId: 't', fraction: 0.5, message: 'epoch 1/2', data: { epoch: 1, loss: 0.9, valLoss: 1.1 } })
    s.getState().apply({ type: 'progress', nodeId: 't', fraction: 1, data: { epoch: 2, loss: 0.5 } })
    s.getState().apply({ type: 'progress', nodeId: 't', fraction: 1, data: { note: 'not a curve point' } })
    expect(s.getState().runs.get('t')).toMatchObject({ phase: 'running', progress: 1, reason: 'no cache entry' })
    expect(s.getState().runs.get('t')!.curve).toEqual([
      { epoch: 1, loss: 0.9, valLoss: 1.1 },
      { epoch: 2, loss: 0.5 },
    ])
    s.getState().apply({ type: 'done', nodeId: 't', ms: 12, summary: { accuracy: 1 }, reason: 'no cache entry' })
    s.getState().apply({ type: 'run-end', report: { backend: 'cpu', nodes: {}, ran: 1, cached: 0, ms: 12 } })
    expect(s.getState().running).toBe(false)
    expect(s.getState().runs.get('t')).toMatchObject({ phase: 'done', resultKey: 'k1', ms: 12, summary: { accuracy: 1 } })
  })

  it('keeps an RL agent’s return per episode and its moving average as a reward curve', () => {
    const s = createRunStore()
    s.getState().begin({ q: 'k1' })
    s.getState().apply({ type: 'running', nodeId: 'q', reason: 'no cache entry' })
    s.getState().apply({ type: 'progress', nodeId: 'q', fraction: 0.5, data: { episode: 1, return: -2, average: -2 } })
    s.getState().apply({ type: 'progress', nodeId: 'q', fraction: 1, data: { episode: 2, return: 0.5, average: -0.75 } })
    expect(s.getState().runs.get('q')!.curve).toEqual([
      { epoch: 1, loss: -2, valLoss: -2, reward: true },
      { epoch: 2, loss: 0.5, valLoss: -0.75, reward: true },
    ])
  })

  it('keeps a search\u2019s score per trial and the best so far as a trial curve', () => {
    const s = createRunStore()
    s.getState().begin({ s: 'k1' })
    s.getState().apply({ type: 'running', nodeId: 's', reason: 'no cache entry' })
    s.getState().apply({ type: 'progress', nodeId: 's', fraction: 0.1, message: 'trial 1: ran · score 0.8', data: { trial: 1, score: 0.8, best: 0.8 } })
    s.getState().apply({ type: 'progress', nodeId: 's', fraction: 0.2, message: 'trial 2: cached · score 0.7', data: { trial: 2, score: 0.7, best: 0.8 } })
    expect(s.getState().runs.get('s')!.curve).toEqual([
      { epoch: 1, loss: 0.8, valLoss: 0.8, trial: true },
      { epoch: 2, loss: 0.7, valLoss: 0.8, trial: true },
    ])
    expect(s.getState().runs.get('s')!.message).toBe('trial 2: cached · score 0.7')
  })

  it('calls a finished result stale once its node key changes, and only then', () => {
    const run = { phase: 'done' as const, resultKey: 'k1' }
    expect(displayState(run, 'k1')).toBe('done')
    expect(displayState(run, 'k2')).toBe('stale')
    expect(displayState({ phase: 'error', error: 'boom' }, 'k2')).toBe('error')
    expect(displayState(undefined, 'k1')).toBe('idle')
  })

  it('restores cached results found by peek, tagged with the current keys', () => {
    const s = createRunStore()
    s.getState().restore({ a: { summary: { rows: 3 }, ms: 5 }, b: undefined }, new Map([['a', 'ka'], ['b', 'kb']]))
    expect(s.getState().runs).toEqual(new Map([['a', { phase: 'cached', summary: { rows: 3 }, ms: 5, resultKey: 'ka' }]]))
    expect(displayState(s.getState().runs.get('a')!, s.getState().keys.get('a'))).toBe('cached')
  })
})

describe('run store restore', () => {
  it('never overwrites what a run already reported', () => {
    const s = createRunStore()
    s.getState().begin({ a: 'ka' })
    s.getState().apply({ type: 'done', nodeId: 'a', ms: 3, summary: { v: 1 }, reason: 'no cache entry' })
    s.getState().restore({ a: { summary: { v: 1 }, ms: 3 }, b: { summary: { v: 2 }, ms: 1 } }, new Map([['a', 'ka'], ['b', 'kb']]))
    expect(s.getState().runs.get('a')!.phase).toBe('done')
    expect(s.getState().runs.get('b')!.phase).toBe('cached')
  })

  it('stops everything when the engine crashes, keeping finished results', () => {
    const s = createRunStore()
    s.getState().begin({ a: 'k1', b: 'k2', c: 'k3' })
    s.getState().apply({ type: 'done', nodeId: 'a', ms: 1, summary: {}, reason: 'no cache entry' })
    s.getState().apply({ type: 'running', nodeId: 'b', reason: 'no cache entry' })
    s.getState().apply({ type: 'queued', nodeId: 'c' })
    s.getState().crash('The execution worker failed: out of memory.')
    expect(s.getState().running).toBe(false)
    expect(s.getState().runs.get('a')!.phase).toBe('done')
    expect(s.getState().runs.get('b')).toMatchObject({ phase: 'error', error: 'The execution worker failed: out of memory.' })
    expect(s.getState().runs.get('c')!.phase).toBe('error')
  })
})

describe('run store with node ids named after Object.prototype members', () => {
  const ids = ['__proto__', 'constructor', 'toString', 'hasOwnProperty']
  // As the engine sends keys and peek results: plain records whose own members are the node ids.
  const keys = Object.fromEntries(ids.map((id) => [id, `k-${id}`]))

  it('keeps each node\'s status, result key and display state apart', () => {
    const s = createRunStore()
    s.getState().setKeys(keys)
    s.getState().begin(keys)
    for (const id of ids) s.getState().apply({ type: 'done', nodeId: id, ms: 1, summary: { rows: id.length }, reason: 'no cache entry' })
    expect(s.getState().runs.size).toBe(4)
    for (const id of ids) {
      expect(s.getState().runs.get(id)).toEqual({ phase: 'done', ms: 1, summary: { rows: id.length }, reason: 'no cache entry', resultKey: `k-${id}` })
      expect(displayState(s.getState().runs.get(id), s.getState().keys.get(id))).toBe('done')
    }
    expect(s.getState().keys.get('valueOf')).toBeUndefined()
  })

  it('restores them from the cache and stops them on a crash', () => {
    const s = createRunStore()
    const found = Object.fromEntries([['__proto__', { summary: { rows: 1 }, ms: 2 }], ['constructor', { summary: { rows: 2 }, ms: 3 }]])
    s.getState().restore(found, new Map(Object.entries(keys)))
    expect(s.getState().runs.get('__proto__')).toEqual({ phase: 'cached', summary: { rows: 1 }, ms: 2, resultKey: 'k-__proto__' })
    expect(s.getState().runs.get('constructor')).toEqual({ phase: 'cached', summary: { rows: 2 }, ms: 3, resultKey: 'k-constructor' })
    s.getState().begin(keys)
    s.getState().apply({ type: 'running', nodeId: 'toString', reason: 'no cache entry' })
    s.getState().crash('The execution worker failed.')
    expect(s.getState().runs.get('toString')).toMatchObject({ phase: 'error', error: 'The execution worker failed.' })
    expect(s.getState().runs.get('__proto__')?.phase).toBe('cached')
  })
})
