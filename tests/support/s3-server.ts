import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import S3rver from 's3rver'

/** What a conditional put answers when the object exists (S3's documented 412 body). */
const PRECONDITION_FAILED =
  '<?xml version="1.0" encoding="UTF-8"?><Error><Code>PreconditionFailed</Code>' +
  '<Message>At least one of the pre-conditions you specified did not hold</Message><Condition>If-None-Match</Condition></Error>'

interface Koa {
  middleware: ((ctx: KoaContext, next: () => Promise<void>) => Promise<void>)[]
  store: { existsObject(bucket: string, key: string): Promise<boolean> }
}
interface KoaContext {
  method: string
  path: string
  querystring: string
  get(name: string): string
  status: number
  type: string
  body: string
}

export interface LocalS3 {
  /** The endpoint, for AWS_ENDPOINT_URL_S3. */
  endpoint: string
  close(): Promise<void>
}

/**
 * A local S3-compatible server (s3rver, files in a temp folder) on a free loopback port, with
 * `bucket` created. s3rver ignores `If-None-Match: *` on PUT; a first middleware answers it as S3
 * does (412 when the object exists), so conditional publish is exercised over real HTTP. With `tls`
 * (a key and certificate) it serves https.
 */
export async function startLocalS3(bucket: string, tls?: { key: string; cert: string }): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'mlcanvas-s3-'))
  const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }], ...tls })
  const app = server as unknown as Koa
  app.middleware.unshift(async (ctx, next) => {
    if (ctx.method === 'PUT' && ctx.get('if-none-match') === '*' && !/partNumber=/.test(ctx.querystring)) {
      const [, b, ...rest] = ctx.path.split('/').map(decodeURIComponent)
      if (await app.store.existsObject(b, rest.join('/'))) {
        ctx.status = 412
        ctx.type = 'application/xml'
        ctx.body = PRECONDITION_FAILED
        return
      }
    }
    await next()
  })
  const { port } = (await server.run()) as { port: number }
  return {
    endpoint: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    close: async () => {
      await server.close()
      await rm(directory, { recursive: true, force: true })
    },
  }
}
