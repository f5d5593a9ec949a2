import type { Recipe } from '../keys/cache-keys'
import { BRIDGE_PROTOCOL, type BridgeHealth, type JobAccepted, type JobStreamEvent } from './protocol'
import { readEvents } from './sse-stream'

/** The bridge cannot be reached, or answered with an error: the message says which and what to do. */
export class BridgeError extends Error {
  constructor(
    message: string,
    /** True when nothing answered (down, wrong address, refused by CORS). */
    readonly unreachable = false,
  ) {
    super(message)
  }
}

export interface BridgeAddress {
  url: string
  token?: string
}

/** An HTTP client for `pipeline bridge` (runtime/bridge/protocol.ts), on fetch: the same in a browser worker and in Node. */
export class BridgeClient {
  readonly url: string

  constructor(
    address: BridgeAddress,
    private readonly fetcher: typeof fetch = (...args) => fetch(...args),
  ) {
    this.url = address.url.replace(/\/+$/, '')
    this.headers = address.token ? { authorization: `Bearer ${address.token}` } : {}
  }

  private readonly headers: Record<string, string>

  private async call(method: string, path: string, init: { body?: RequestInit['body']; type?: string; signal?: AbortSignal } = {}): Promise<Response> {
    const headers = { ...this.headers, ...(init.type ? { 'content-type': init.type } : {}) }
    let res: Response
    try {
      res = await this.fetcher(`${this.url}${path}`, { method, headers, body: init.body, signal: init.signal })
    } catch (e) {
      if (init.signal?.aborted) throw e
      throw new BridgeError(`The remote queue at ${this.url} cannot be reached (${(e as Error).message}). Is \`pipeline bridge\` running there with --allow-origin for this page? Clear "Remote queue" in Cache and workers to run on this machine.`, true)
    }
    if (res.ok || res.status === 404) return res
    if (res.status === 401) {
      // A HEAD answer has no body to explain it.
      const what = this.headers.authorization ? 'refused this editor’s token' : 'needs a token'
      throw new BridgeError(`The remote queue at ${this.url} ${what}: set "Token" in Cache and workers to the one its \`pipeline bridge --token\` was started with.`)
    }
    const body = (await res.json().catch(() => undefined)) as { error?: string } | undefined
    throw new BridgeError(`The remote queue answered ${method} ${path.split('/').slice(0, 2).join('/')} with ${res.status}: ${body?.error ?? res.statusText}`)
  }

  /** The bridge's health, once it is known to be a bridge of this protocol (else a BridgeError that says what it is). */
  async health(): Promise<BridgeHealth> {
    const res = await this.call('GET', '/health')
    const answer = (await res.json().catch(() => undefined)) as Partial<BridgeHealth> | undefined
    if (res.status === 404 || answer?.ok !== true || typeof answer.workers !== 'number') {
      throw new BridgeError(`${this.url} is not a \`pipeline bridge\` (its /health answer is not a bridge's): check the address in Cache and workers.`)
    }
    if (answer.protocol !== BRIDGE_PROTOCOL) {
      throw new BridgeError(
        `The remote queue at ${this.url} is a \`pipeline bridge\` of another version (protocol ${answer.protocol ?? 1}; this editor speaks ${BRIDGE_PROTOCOL}): run the bridge and its workers from the same release as this editor.`,
      )
    }
    return answer as BridgeHealth
  }

  async hasEntry(key: string): Promise<boolean> {
    return (await this.call('HEAD', `/entries/${key}`)).status === 200
  }

  async putEntry(key: string, bytes: Uint8Array): Promise<void> {
    await this.call('PUT', `/entries/${key}`, { body: bytes as RequestInit['body'], type: 'application/octet-stream' })
  }

  /** The sealed entry's bytes, or undefined when the shared cache has none. */
  async getEntry(key: string): Promise<Uint8Array | undefined> {
    const res = await this.call('GET', `/entries/${key}`)
    return res.status === 404 ? undefined : new Uint8Array(await res.arrayBuffer())
  }

  async postJob(key: string, recipe: Recipe, nodeId: string): Promise<JobAccepted> {
    const res = await this.call('POST', `/jobs/${key}`, { body: JSON.stringify({ recipe, nodeId }), type: 'application/json' })
    return (await res.json()) as JobAccepted
  }

  async cancelJob(key: string): Promise<void> {
    await this.call('DELETE', `/jobs/${key}`)
  }

  /** The job's events until `done` or `failed`, or undefined when the bridge has no such job; aborting `signal` ends the stream. */
  async events(key: string, signal: AbortSignal): Promise<AsyncGenerator<JobStreamEvent> | undefined> {
    const res = await this.call('GET', `/jobs/${key}/events`, { signal })
    if (res.status === 404) return undefined
    if (!res.body) throw new BridgeError(`The remote queue sent no event stream for job ${key}.`)
    return jobEvents(res.body)
  }
}

async function* jobEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<JobStreamEvent> {
  for await (const m of readEvents(body)) {
    if (m.event === 'progress' || m.event === 'done' || m.event === 'failed') yield { event: m.event, data: JSON.parse(m.data) } as JobStreamEvent
  }
}
