import type { buildConnector as BuildConnector, Dispatcher } from 'undici'
import { hasDeferredCa, outboundSecureContext } from './ca'
import { certificateRefusal } from './certificate-error'

let agent: Promise<Dispatcher> | undefined

/**
 * An undici Agent (the major version Node 20 bundles, so Node's fetch drives it like its own) whose https
 * connections use the CLI's CA list: built on the first https connection, so an http:// download that is
 * not redirected to https reads no certificate file.
 */
async function deferredCaAgent(): Promise<Dispatcher> {
  const { Agent, buildConnector } = await import('undici')
  const plain = buildConnector({})
  let tls: Promise<BuildConnector.connector> | undefined
  return new Agent({
    connect(options, callback) {
      if (options.protocol !== 'https:') return plain(options, callback)
      tls ??= outboundSecureContext().then((secureContext) => buildConnector({ secureContext }))
      tls.then((connect) => connect(options, callback), (e: Error) => callback(e, null))
    },
  })
}

/**
 * Node's fetch for the CLI's outbound requests (data.url downloads): trusts what Node would have trusted
 * with the user's NODE_EXTRA_CA_CERTS (runtime/net/ca.ts), and says so when a certificate is refused.
 */
export async function outboundFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const dispatcher = hasDeferredCa() ? await (agent ??= deferredCaAgent()) : undefined
  try {
    // `dispatcher` is Node's extension of RequestInit, typed by @types/node's own copy of undici's types.
    return await fetch(input, dispatcher ? ({ ...init, dispatcher } as unknown as RequestInit) : init)
  } catch (e) {
    const url = new URL(input instanceof Request ? input.url : input)
    throw certificateRefusal(e, url.host) ?? e
  }
}
