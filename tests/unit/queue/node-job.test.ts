import { describe, expect, it } from 'vitest'
import { NodeCache } from '../../../runtime/cache/node-cache'
import { PermanentJobError, runNodeJob, type JobHost } from '../../../runtime/queue/node-job'
import { testRegistry } from '../../support/test-nodes'

const registry = testRegistry()
const host: JobHost = { registry, cache: new NodeCache(), backend: 'cpu', worker: 'box:1', signal: new AbortController().signal, emit: () => undefined }
const job = (type: string, version: number) => ({ key: 'ab'.repeat(16), nodeId: 'n', recipe: { type, version, params: {}, inputs: {}, files: {} } })

describe('a job from another release', () => {
  it('fails for good, naming the type or version and what to do', async () => {
    const type = registry.list()[0]
    await expect(runNodeJob(job('test.gone', 1), host)).rejects.toThrow(
      new PermanentJobError('This worker has no node type "test.gone": run the workers from the same release as the editor or CLI that queued it.'),
    )
    await expect(runNodeJob(job(type.type, type.version + 1), host)).rejects.toThrow(
      `This worker has ${type.type} version ${type.version}, the job asks for version ${type.version + 1}: run the workers from the same release`,
    )
  })
})
