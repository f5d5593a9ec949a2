import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunReport } from '../../runtime/exec/events'
import { startLocalS3, type LocalS3 } from '../support/s3-server'
import { makeThrowawayCa, type ThrowawayCa } from '../support/throwaway-ca'

const LAUNCHER = resolve('runtime/cli/pipeline')
const BIN = resolve('runtime/cli/bin.mjs')
const CACHED_GRAPH = resolve('examples/blobs-kmeans.json')

interface Run {
  code: number | null
  /** Undefined when the CLI printed none (a usage error). */
  report?: RunReport
  stderr: string
  /** Reads of the extra CA file: this CLI's (NODE_DEBUG=mlcanvas lines), and warnings that a read failed (Node's own at start, or this CLI's). */
  reads: number
  failedReads: number
}

/** The CLI as users start it (the launcher; `bin.mjs` as `node runtime/cli/bin.mjs` would), with NODE_EXTRA_CA_CERTS = `caFile` or unset; an undefined in `extraEnv` unsets that variable. */
function cli(args: string[], caFile: string | undefined, how: 'launcher' | 'bin' = 'launcher', extraEnv: NodeJS.ProcessEnv = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_DEBUG: 'mlcanvas', ...extraEnv }
  for (const name of ['NODE_EXTRA_CA_CERTS', 'MLCANVAS_EXTRA_CA_CERTS', ...Object.keys(extraEnv).filter((k) => extraEnv[k] === undefined)]) delete env[name]
  if (caFile) env.NODE_EXTRA_CA_CERTS = caFile
  const [file, argv] = how === 'launcher' ? ['sh', [LAUNCHER, ...args]] : [process.execPath, [BIN, ...args]]
  return new Promise((done) => {
    execFile(file, argv, { env, timeout: 120_000, maxBuffer: 16 * 2 ** 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0
      const reads = stderr.match(/^MLCANVAS \d+: net: read the extra CA certificates/gm)?.length ?? 0
      const failedReads = stderr.match(/Ignoring extra certs from/g)?.length ?? 0
      const last = stdout.trim().split('\n').pop()!
      done({ code, report: last.startsWith('{') ? (JSON.parse(last) as RunReport) : undefined, stderr, reads, failedReads })
    })
  })
}

describe('NODE_EXTRA_CA_CERTS (a TLS-inspecting proxy’s CA): read on the first outbound TLS connection, not at start', () => {
  let dir: string
  let ca: ThrowawayCa
  let server: Server
  let graph: string
  let origin: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mlcanvas-extra-ca-'))
    ca = await makeThrowawayCa(dir)
    server = createServer({ key: ca.key, cert: ca.cert }, (_req, res) => res.end('x,y\n1,2\n3,4\n5,6\n'))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    origin = `127.0.0.1:${(server.address() as AddressInfo).port}`
    graph = join(dir, 'url.json')
    const doc = { format: 'mlcanvas/graph', version: 1, nodes: [{ id: 'u', type: 'data.url', params: { url: `https://${origin}/t.csv` } }], edges: [] }
    await writeFile(graph, JSON.stringify(doc))
    // The launcher defers the file once a snapshot stamp says this node's CA store is its bundled one.
    await cli(['nodes'], undefined)
  }, 120_000)
  afterAll(async () => {
    server?.close()
    await rm(dir, { recursive: true, force: true })
  })

  const download = () => ['run', graph, '--json', '--no-cache', '--allow-net', '--workers', '1']

  it('a data.url download from a server the CA signed works through the launcher, reading the file once', async () => {
    const run = await cli(download(), ca.caFile)
    expect(run.report!.nodes.u).toMatchObject({ status: 'ran', summary: { rows: 3 } })
    expect(run.reads).toBe(1)
    expect(run.failedReads).toBe(0)
  }, 120_000)

  it('without the CA the download fails with a message that names the certificate problem and the variable', async () => {
    const run = await cli(download(), undefined)
    expect(run.code).toBe(1)
    expect(run.report!.nodes.u.status).toBe('error')
    expect(run.report!.nodes.u.error).toBe(
      `The TLS certificate of ${origin} is not accepted: unable to verify the first certificate (UNABLE_TO_VERIFY_LEAF_SIGNATURE). ` +
        'If a proxy that inspects TLS or a private CA signs it, set NODE_EXTRA_CA_CERTS to a PEM file with that CA’s certificate.',
    )
    expect(run.reads).toBe(0)
  }, 120_000)

  it('an S3 cache over https (--cache-url) works with the CA, and without it says which certificate it refused', async () => {
    const s3: LocalS3 = await startLocalS3('ca-cache', ca)
    try {
      const env = { AWS_ENDPOINT_URL_S3: s3.endpoint, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' }
      const args = ['run', CACHED_GRAPH, '--json', '--workers', '1', '--cache-url', 's3://ca-cache/a']
      const first = await cli(args, ca.caFile, 'launcher', env)
      expect(first.code, first.stderr).toBe(0)
      expect(first.report!.ran).toBeGreaterThan(0)
      expect(first.reads).toBe(1)
      const second = await cli(args, ca.caFile, 'launcher', env)
      expect(second.report).toMatchObject({ ran: 0, cached: first.report!.ran })
      const refused = await cli(args, undefined, 'launcher', env)
      expect(refused.code).toBe(2)
      expect(refused.stderr).toContain(
        `Cache bucket ca-cache cannot be reached: The TLS certificate of ${new URL(s3.endpoint).host} is not accepted: unable to verify the first certificate (UNABLE_TO_VERIFY_LEAF_SIGNATURE).`,
      )
    } finally {
      await s3.close()
    }
  }, 180_000)

  it('the S3 client’s SSO credentials are fetched with the same CA list (an SSO profile, as behind a corporate proxy)', async () => {
    const s3 = await startLocalS3('sso-cache', ca)
    // The SSO portal's GetRoleCredentials, answering with the local server's keys.
    let served = 0
    const sso = createServer({ key: ca.key, cert: ca.cert }, (req, res) => {
      served += req.url?.startsWith('/federation/credentials') && req.headers['x-amz-sso_bearer_token'] === 'token' ? 1 : 0
      const roleCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', sessionToken: 'session', expiration: Date.now() + 3_600_000 }
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ roleCredentials }))
    })
    await new Promise<void>((r) => sso.listen(0, '127.0.0.1', r))
    try {
      const home = join(dir, 'home')
      const startUrl = 'https://example.awsapps.com/start'
      await mkdir(join(home, '.aws', 'sso', 'cache'), { recursive: true })
      await writeFile(join(home, '.aws', 'config'), `[profile sso-test]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Test\nregion = us-east-1\n`)
      const token = { accessToken: 'token', expiresAt: new Date(Date.now() + 3_600_000).toISOString(), region: 'us-east-1', startUrl }
      await writeFile(join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update(startUrl).digest('hex')}.json`), JSON.stringify(token))
      const env: NodeJS.ProcessEnv = { HOME: home, AWS_PROFILE: 'sso-test', AWS_ENDPOINT_URL_S3: s3.endpoint, AWS_ENDPOINT_URL_SSO: `https://127.0.0.1:${(sso.address() as AddressInfo).port}` }
      for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ENDPOINT_URL', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE']) env[name] = undefined
      const run = await cli(['run', CACHED_GRAPH, '--json', '--workers', '1', '--cache-url', 's3://sso-cache/a'], ca.caFile, 'launcher', env)
      expect(run.code, run.stderr).toBe(0)
      expect(served).toBe(1)
    } finally {
      sso.close()
      await s3.close()
    }
  }, 180_000)

  it('a run served from the cache reads the file zero times; bare Node (bin.mjs) reads it at start', async () => {
    // A file that cannot be read: every attempt to read it, Node's at start or the CLI's, prints a warning.
    const missing = join(dir, 'no-such-ca.pem')
    const cache = ['run', CACHED_GRAPH, '--json', '--workers', '1', '--cache-dir', join(dir, 'cache')]
    expect((await cli(cache, undefined)).report!.ran).toBeGreaterThan(0)
    const cached = await cli(cache, missing)
    expect(cached.report).toMatchObject({ ran: 0 })
    expect([cached.reads, cached.failedReads]).toEqual([0, 0])
    // The counts see both kinds of read: Node's own when it starts with the variable set, the CLI's on a download.
    expect((await cli(cache, missing, 'bin')).failedReads).toBe(1)
    const fetched = await cli(download(), missing)
    expect([fetched.reads, fetched.failedReads]).toEqual([0, 1])
    expect(fetched.report!.nodes.u.error).toContain('(UNABLE_TO_VERIFY_LEAF_SIGNATURE)')
  }, 180_000)
})
