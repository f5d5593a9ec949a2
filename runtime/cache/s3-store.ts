import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3'
import type { DefaultProviderInit } from '@aws-sdk/credential-provider-node'
import { outboundSecureContext } from '../net/ca'
import { certificateRefusal } from '../net/certificate-error'
import { hashString } from '../keys/hash'
import type { EncodedValue } from '../values/codec'
import { CacheDirError } from './dir-files'
import { headerBytes, packEntry, readHeader, unpackEntry } from './entry-seal'
import { recordFromText, recordText } from './record-text'
import type { EntryInfo, PersistentStore, RunRecord, StoredEntry, StoreStats } from './types'

const KEY_RE = /^[0-9a-f]{16,64}$/
/** One ranged read usually holds a whole header (facts + summary). */
const FIRST_READ = 4096

type Sdk = typeof import('@aws-sdk/client-s3')

/** Where a cache lives in an object store: `s3://bucket/prefix`. */
export interface S3Location {
  bucket: string
  prefix: string
}

/** Parses `s3://bucket[/prefix]`; anything else is the user's to fix. */
export function parseS3Url(url: string): S3Location {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url)
  if (!m) throw new CacheDirError(`Cache URL ${url} is not s3://bucket/prefix (bucket: 3–63 lowercase letters, digits, dots, dashes).`)
  return { bucket: m[1], prefix: (m[2] ?? '').replace(/\/+$/, '') }
}

/**
 * The CLI's CA list (runtime/net/ca.ts) for the client's https connections and for those of its credential
 * chain (SSO, STS), which get the client's request handler only as `clientConfig`; nothing when Node's
 * default list is the right one, or when the endpoint is plain http.
 */
async function tlsOptions(endpoint: string | undefined): Promise<Partial<S3ClientConfig>> {
  const secureContext = endpoint?.startsWith('http://') ? undefined : await outboundSecureContext()
  if (!secureContext) return {}
  // The SDK adds its own keep-alive and socket limit to these agent options.
  const requestHandler = { httpsAgent: { secureContext } }
  const { defaultProvider } = await import('@aws-sdk/credential-provider-node')
  return {
    requestHandler,
    credentialDefaultProvider: (init: DefaultProviderInit) => defaultProvider({ ...init, clientConfig: { ...init.clientConfig, requestHandler } }),
  }
}

/**
 * The shared object-store tier (AWS S3, MinIO, Ceph, R2…): one object per entry, the same sealed
 * bytes as a DirStore file. An object appears whole or not at all, and a put carries
 * `If-None-Match: *`, so the first writer of a key wins and a second writer of the same key (an
 * identical, deterministic result) stops without overwriting. There is no size cap here: a
 * bucket's lifecycle rules expire old entries (capBytes is reported as 0).
 */
export class S3Store implements PersistentStore {
  private constructor(
    private readonly sdk: Sdk,
    private readonly client: S3Client,
    readonly location: S3Location,
  ) {}

  /**
   * A store at `s3://bucket/prefix`. Credentials and region come from the SDK's usual chain
   * (environment, profile, pod identity); an endpoint from AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL
   * (MinIO and other S3-compatible servers) is addressed path-style. Checks the bucket answers.
   */
  static async open(url: string, client?: S3Client): Promise<S3Store> {
    const location = parseS3Url(url)
    // Loaded only when an S3 cache is asked for: the SDK is large and most runs never need it.
    const sdk = await import('@aws-sdk/client-s3')
    const endpoint = process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL
    const made =
      client ?? new sdk.S3Client({ region: process.env.AWS_REGION ?? 'us-east-1', endpoint, forcePathStyle: endpoint !== undefined, ...(await tlsOptions(endpoint)) })
    const store = new S3Store(sdk, made, location)
    await made.send(new sdk.HeadBucketCommand({ Bucket: location.bucket })).catch((e) => {
      const refused = certificateRefusal(e, endpoint ? new URL(endpoint).host : 'the S3 endpoint')
      throw new CacheDirError(`Cache bucket ${location.bucket} cannot be reached: ${refused?.message ?? `${errorName(e)}.`}`)
    })
    return store
  }

  private object(...parts: string[]): string {
    return [this.location.prefix, ...parts].filter(Boolean).join('/')
  }

  private entry(key: string): string {
    if (!KEY_RE.test(key)) throw new Error(`bad cache key ${key}`)
    return this.object('entries', key.slice(0, 2), `${key}.bin`)
  }

  /** An object's bytes (or its first `range` bytes); undefined when there is none. */
  private async get(name: string, range?: number): Promise<Uint8Array | undefined> {
    try {
      const out = await this.client.send(
        new this.sdk.GetObjectCommand({ Bucket: this.location.bucket, Key: name, Range: range ? `bytes=0-${range - 1}` : undefined }),
      )
      return await out.Body!.transformToByteArray()
    } catch (e) {
      if (isMissing(e)) return undefined
      throw e
    }
  }

  async info(key: string): Promise<EntryInfo | undefined> {
    let bytes = await this.get(this.entry(key), FIRST_READ)
    if (!bytes) return undefined
    const need = headerBytes(bytes)
    if (need > bytes.byteLength) bytes = (await this.get(this.entry(key), need)) ?? new Uint8Array()
    return (await readHeader(bytes, key)).info
  }

  async read(key: string): Promise<StoredEntry | undefined> {
    const bytes = await this.get(this.entry(key))
    if (!bytes) return undefined
    const { header, value } = await unpackEntry(bytes, key)
    return { info: header.info, value }
  }

  /** Publishes an entry unless one is already there (then the existing one stands). */
  async write(key: string, value: EncodedValue, info: EntryInfo): Promise<void> {
    const body = await packEntry(key, value, info)
    try {
      await this.client.send(new this.sdk.PutObjectCommand({ Bucket: this.location.bucket, Key: this.entry(key), Body: body, IfNoneMatch: '*' }))
    } catch (e) {
      // 412: another writer published this key first; 409: its put is still in flight.
      if (status(e) !== 412 && status(e) !== 409) throw e
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new this.sdk.DeleteObjectCommand({ Bucket: this.location.bucket, Key: this.entry(key) }))
  }

  async stats(): Promise<StoreStats> {
    let entries = 0
    let bytes = 0
    for await (const page of this.list('entries')) {
      for (const o of page) {
        entries += 1
        bytes += o.Size ?? 0
      }
    }
    return { entries, bytes, capBytes: 0 }
  }

  async clear(): Promise<void> {
    for (const folder of ['entries', 'records']) {
      for await (const page of this.list(folder)) {
        if (!page.length) continue
        const Objects = page.map((o) => ({ Key: o.Key! }))
        await this.client.send(new this.sdk.DeleteObjectsCommand({ Bucket: this.location.bucket, Delete: { Objects } }))
      }
    }
  }

  /** Pages (≤ 1000 objects each) of the objects under one folder of the prefix. */
  private async *list(folder: string) {
    let ContinuationToken: string | undefined
    do {
      const out = await this.client.send(
        new this.sdk.ListObjectsV2Command({ Bucket: this.location.bucket, Prefix: this.object(folder) + '/', ContinuationToken }),
      )
      yield out.Contents ?? []
      ContinuationToken = out.IsTruncated ? out.NextContinuationToken : undefined
    } while (ContinuationToken)
  }

  /** One object per (graph, node), named by hashes: writers never rewrite each other's records. */
  private record(scope: string, nodeId: string): string {
    return this.object('records', hashString(scope), `${hashString(nodeId)}.json`)
  }

  async getRecord(scope: string, nodeId: string): Promise<RunRecord | undefined> {
    const bytes = await this.get(this.record(scope, nodeId)).catch(() => undefined)
    if (!bytes) return undefined
    try {
      return recordFromText(new TextDecoder().decode(bytes), scope, nodeId)
    } catch {
      return undefined
    }
  }

  async putRecord(scope: string, nodeId: string, record: RunRecord): Promise<void> {
    const Body = recordText(scope, nodeId, record)
    await this.client.send(new this.sdk.PutObjectCommand({ Bucket: this.location.bucket, Key: this.record(scope, nodeId), Body }))
  }
}

const status = (e: unknown) => (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode
const errorName = (e: unknown) => (e as { name?: string }).name ?? String(e)
const isMissing = (e: unknown) => status(e) === 404 || errorName(e) === 'NoSuchKey' || errorName(e) === 'NotFound'
