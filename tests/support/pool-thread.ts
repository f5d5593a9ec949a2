import { serveThread } from '../../runtime/cli/thread-pool'
import { Registry } from '../../runtime/registry'
import { sumStepsNode } from './sum-steps-node'
import { testNodes } from './test-nodes'

/** A pool thread serving the test node pack (tests/unit/exec/worker-pool.test.ts). */
serveThread(new Registry([...testNodes, sumStepsNode]), async () => 'test')
