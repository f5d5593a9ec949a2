import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { S3Client, PutObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3'
import { NodeCache } from '../../../runtime/cache/node-cache'
import { S3Store, parseS3Url } from '../../../runtime/cache/s3-store'
import { runGraph } from '../../../runtime/exec/executor'
import { computeKeys } from '../../../runtime/keys/cache-keys'
import { encodeValue } from '../../../runtime/values/codec'
import { graph } from '../../support/graph'
import { startLocalS3, type LocalS3 } from '../../support/s3-server'
import { testRegistry } from '../../support/test-nodes'
import { checkRoundTrip, checkSharedWriters, info, key } from './store-conformance'

const BUCKET = 'mlcanvas-test'
let s3: LocalS3
let client: S3Client
let prefixes = 0
/** A store under a fresh prefix of the shared test bucket. */
const open = (prefix = `p${++prefixes}`) => S3Store.open(`s3://${BUCKET}/${prefix}`, client)

beforeAll(async () => {
  s3 = await startLocalS3(BUCKET)
  client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } })
})
afterAll(async () => {
  client?.destroy()
  await s3?.close()
})

describe('S3Store against a local S3-compatible server', () => {
  it('round-trips entries, facts and run records (the directory store\'s conformance checks)', async () => {
    await checkRoundTrip(await open())
  })

  it('two workers writing the same keys at once never read a partial entry, and each finds the other\'s', async () => {
    const prefix = `shared${++prefixes}`
    await checkSharedWriters(await open(prefix), await open(prefix))
  })

  it('publishes a key once: a second writer keeps the first entry (conditional put)', async () => {
    const store = await open()
    const enc = await encodeValue({ v: new Float32Array([7]) })
    await store.write(key(5), enc, { ...info, ms: 1, bytes: enc.bytes })
    await store.write(key(5), enc, { ...info, ms: 2, bytes: enc.bytes })
    expect((await store.info(key(5)))?.ms).toBe(1)
  })

  it('a damaged or misplaced object is an unreadable entry: the graph recomputes and says why', async () => {
    const registry = testRegistry()
    const doc = graph([['a', 'test.const', { value: 0.25 }], ['b', 'test.add', { offset: 1 }]], ['a.out->b.a'])
    const prefix = `graph${++prefixes}`
    const first = await runGraph({ doc, registry, cache: new NodeCache({ store: await open(prefix) }), scope: 'g' })
    expect(first.ran).toBe(2)
    const again = await runGraph({ doc, registry, cache: new NodeCache({ store: await open(prefix) }), scope: 'g' })
    expect([again.ran, again.cached]).toEqual([0, 2])
    // Overwrite a's object with b's bytes (an entry copied over another key's).
    const keys = computeKeys(doc, registry)
    const name = (id: string) => `${prefix}/entries/${keys.get(id)!.key.slice(0, 2)}/${keys.get(id)!.key}.bin`
    const bBytes = await (await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: name('b') }))).Body!.transformToByteArray()
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: name('a'), Body: bBytes }))
    const after = await runGraph({ doc, registry, cache: new NodeCache({ store: await open(prefix) }), scope: 'g', force: ['b'] })
    expect(after.nodes.a).toMatchObject({ status: 'ran', reason: 'unreadable cache entry', summary: { value: 0.25 } })
    expect(after.nodes.b).toMatchObject({ status: 'ran', summary: { value: 1.25 } })
  })

  it('refuses a malformed URL or an unreachable bucket with a sentence', async () => {
    expect(() => parseS3Url('s3://A/x')).toThrow(/s3:\/\/bucket\/prefix/)
    expect(parseS3Url('s3://my-bucket/runs/cache/')).toEqual({ bucket: 'my-bucket', prefix: 'runs/cache' })
    await expect(S3Store.open('s3://no-such-bucket/x', client)).rejects.toThrow(/Cache bucket no-such-bucket cannot be reached/)
  })
})
