import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunReport } from '../../runtime/exec/events'
import { cli } from '../reliability/cli'
import { startLocalS3, type LocalS3 } from '../support/s3-server'

const graph = resolve('examples/blobs-kmeans.json')
let s3: LocalS3

beforeAll(async () => {
  s3 = await startLocalS3('cli-cache')
})
afterAll(() => s3?.close())

async function run(...args: string[]) {
  const env = { ...process.env, AWS_ENDPOINT_URL_S3: s3.endpoint, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' }
  const r = await cli(['run', graph, '--json', ...args], { timeoutMs: 60_000, env })
  return { code: r.code, report: r.code === 0 ? (JSON.parse(r.stdout) as RunReport) : undefined, stderr: r.stderr }
}

describe('pipeline run --cache-url s3://…', () => {
  it('keeps results in the object store: a second process finds them all', async () => {
    const first = await run('--cache-url', 's3://cli-cache/team/a')
    expect(first.code).toBe(0)
    expect(first.report!.ran).toBeGreaterThan(0)
    const second = await run('--cache-url', 's3://cli-cache/team/a')
    expect(second.report!.ran).toBe(0)
    expect(second.report!.cached).toBe(first.report!.ran)
  })

  it('an unknown bucket or two cache flags are usage errors (exit 2) before anything runs', async () => {
    const missing = await run('--cache-url', 's3://nope-bucket/x')
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('Cache bucket nope-bucket cannot be reached')
    const both = await run('--cache-url', 's3://cli-cache/x', '--no-cache')
    expect(both.code).toBe(2)
    expect(both.stderr).toContain('Give one of --cache-dir, --cache-url and --no-cache.')
  })
})
