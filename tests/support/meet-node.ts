import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { defineNode } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'

/**
 * Marks that it runs (a file named `me` in `dir`), then holds its thread without yielding until the
 * node named `other` marks the same, or `waitMs` passed: `met` is 1 when the two ran at the same
 * time on different threads. A synchronous wait, as a training's set-up holds the pool's own thread.
 */
export const meetNode = defineNode({
  type: 'test.meet',
  version: 1,
  category: 'test',
  title: 'Meet',
  description: 'Waits, without yielding, for another node to run at the same time.',
  inputs: { a: port.metrics() },
  outputs: { out: port.metrics() },
  params: {
    dir: p.text({ default: '' }),
    me: p.text({ default: 'a' }),
    other: p.text({ default: 'b' }),
    waitMs: p.int({ default: 10_000, min: 1, max: 60_000 }),
  },
  run(_inputs, params) {
    writeFileSync(join(params.dir, params.me), '')
    const t0 = Date.now()
    while (!existsSync(join(params.dir, params.other)) && Date.now() - t0 < params.waitMs);
    return { out: { kind: 'metrics', scalars: { met: existsSync(join(params.dir, params.other)) ? 1 : 0 } } }
  },
})
