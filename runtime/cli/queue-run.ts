import type { NodeCache } from '../cache/node-cache'
import type { NodeRunner } from '../exec/runner'
import { QueueUrlError } from '../queue/connection'
import { QueueRunner } from '../queue/queue-runner'
import { UsageError } from './open-cache'

export const QUEUE_HELP = `--queue redis://host:port sends the nodes to 'pipeline worker' processes through BullMQ (one job per cache key:
a key already cached or queued is not computed twice); it needs the workers' shared cache (--cache-dir or --cache-url).
--attempts N tries a node N times, with exponential backoff, before it goes to the dead-letter queue (default 3).
--parallel N lets a search or cross-validation queue N trials or folds at once (default: the workers serving the queue
when the run starts); TPE proposes batches that wide, so fix N to propose the same trials on any cluster.`

export interface QueueFlags {
  queue?: string
  attempts?: string
  parallel?: string
  'cache-dir'?: string
  'cache-url'?: string
}

/**
 * The queue runner the flags ask for (none without --queue); bad flags are usage errors. Nodes
 * that must stay in this process run on `local` (the --workers pool, if any).
 */
export async function openQueueRunner(flags: QueueFlags, cache: NodeCache, local?: NodeRunner): Promise<QueueRunner | undefined> {
  if (flags.queue === undefined) return undefined
  if (!flags['cache-dir'] && !flags['cache-url']) {
    throw new UsageError('--queue needs the cache the workers share: --cache-dir DIR (a shared volume) or --cache-url s3://bucket/prefix.')
  }
  const attempts = atLeastOne(flags.attempts ?? '3', '--attempts')
  const capacity = flags.parallel === undefined ? undefined : atLeastOne(flags.parallel, '--parallel')
  try {
    return await QueueRunner.open(flags.queue, cache, { attempts, local, capacity })
  } catch (e) {
    if (e instanceof QueueUrlError) throw new UsageError(e.message)
    throw e
  }
}

function atLeastOne(text: string, flag: string): number {
  const n = Number(text)
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`${flag} takes a whole number of at least 1, not "${text}".`)
  return n
}

/** The first SIGINT/SIGTERM cancels the run (queued jobs are withdrawn); a second one exits at once. */
export function cancelOnSignals(controller: AbortController): () => void {
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(130)
    console.error('cancelling: withdrawing queued nodes and stopping running ones (again to quit now)')
    controller.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return () => {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}
