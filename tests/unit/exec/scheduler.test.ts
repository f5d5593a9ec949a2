import { describe, expect, it } from 'vitest'
import { schedule, type Outcome, type ScheduleHooks } from '../../../runtime/exec/scheduler'

/** parents by child, written as 'a->b' edges */
const parentsFrom = (edges: string[]) => {
  const parents = new Map<string, string[]>()
  for (const e of edges) {
    const [from, to] = e.split('->')
    parents.set(to, [...(parents.get(to) ?? []), from])
  }
  return (id: string) => parents.get(id) ?? []
}

/** Hooks that log what happened; `outcome` picks each node's result, `wait` delays it. */
function recorder(outcome: (id: string) => Outcome = () => 'ok', wait: (id: string) => Promise<void> = async () => undefined) {
  const log: string[] = []
  let running = 0
  let peak = 0
  const hooks: ScheduleHooks = {
    async run(id) {
      running += 1
      peak = Math.max(peak, running)
      log.push(`run ${id}`)
      await wait(id)
      running -= 1
      return outcome(id)
    },
    blocked: (id, by) => void log.push(`blocked ${id} by ${by}`),
    cancelled: (id) => void log.push(`cancelled ${id}`),
    stuck: (id) => void log.push(`stuck ${id}`),
  }
  return { hooks, log, peak: () => peak }
}

describe('schedule', () => {
  it('runs every node after all of its parents', async () => {
    const r = recorder()
    const edges = ['a->c', 'b->c', 'c->d', 'a->d']
    const outcomes = await schedule(['a', 'b', 'c', 'd'], parentsFrom(edges), r.hooks)
    expect([...outcomes.values()]).toEqual(['ok', 'ok', 'ok', 'ok'])
    const at = (id: string) => r.log.indexOf(`run ${id}`)
    for (const e of edges) {
      const [from, to] = e.split('->')
      expect(at(from)).toBeLessThan(at(to))
    }
  })

  it('blocks every descendant of a failure, by its failed parent, and runs the other branch', async () => {
    const r = recorder((id) => (id === 'bad' ? 'failed' : 'ok'))
    const outcomes = await schedule(['bad', 'x', 'y', 'ok', 'z'], parentsFrom(['bad->x', 'x->y', 'ok->z']), r.hooks)
    expect(r.log).toContain('blocked x by bad')
    expect(r.log).toContain('blocked y by x')
    expect(r.log).toContain('run z')
    expect(r.log).not.toContain('run x')
    expect(outcomes.get('y')).toBe('failed')
  })

  it('keeps at most `concurrency` nodes running', async () => {
    const r = recorder(undefined, () => new Promise((done) => setTimeout(done, 5)))
    const ids = Array.from({ length: 12 }, (_, i) => `n${i}`)
    await schedule(ids, () => [], r.hooks, { concurrency: 3 })
    expect(r.peak()).toBe(3)
    expect(r.log.filter((l) => l.startsWith('run'))).toHaveLength(12)
  })

  it('cancels what has not started once the signal fires, and what is downstream of a cancelled node', async () => {
    const controller = new AbortController()
    const r = recorder(
      (id) => (id === 'a' ? 'cancelled' : 'ok'),
      async (id) => void (id === 'a' && controller.abort()),
    )
    const outcomes = await schedule(['a', 'b', 'c'], parentsFrom(['a->b']), r.hooks, { concurrency: 1, signal: controller.signal })
    expect(r.log).toEqual(['run a', 'cancelled b', 'cancelled c'])
    expect(outcomes.get('c')).toBe('cancelled')
  })

  it('reports the nodes on or behind a cycle as stuck', async () => {
    const r = recorder()
    await schedule(['a', 'b', 'c', 'd'], parentsFrom(['b->c', 'c->b', 'c->d']), r.hooks)
    expect(r.log.sort()).toEqual(['run a', 'stuck b', 'stuck c', 'stuck d'])
  })

  it('settles a 20 000-node chain in linear time, without deep recursion when its head fails', async () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `n${i}`)
    const parents = (id: string) => (id === 'n0' ? [] : [`n${Number(id.slice(1)) - 1}`])
    const t0 = performance.now()
    const ok = await schedule(ids, parents, recorder().hooks)
    expect(ok.get('n19999')).toBe('ok')
    const failed = await schedule(ids, parents, recorder(() => 'failed').hooks)
    expect(failed.get('n19999')).toBe('failed')
    expect(performance.now() - t0).toBeLessThan(3000)
  })
})
