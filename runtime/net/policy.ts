import { isIpLiteral, isLocalName, isPrivateAddress } from './addresses'

/** What the host lets graphs fetch. Set once by the host (CLI flags, the browser worker's defaults). */
export interface NetworkPolicy {
  /** Let graphs fetch loopback/private/link-local addresses too (`--allow-net`). */
  allowPrivate: boolean
  /** Resolves a name to its addresses (DNS in Node). Browsers have none: only literal hosts are checked there. */
  lookup?: (host: string) => Promise<string[]>
  /** How the user allows local addresses here, for the refusal message. */
  howToAllow: string
  /** How this host fetches (the CLI: with the CA list of runtime/net/ca.ts); the global fetch when absent. */
  fetch?: typeof fetch
}

/** A download the network policy does not allow; its message says why and how to allow it. */
export class RefusedDownload extends Error {}

const MAX_REDIRECTS = 5
let policy: NetworkPolicy = {
  allowPrivate: false,
  howToAllow: 'download the file yourself and add it to the graph as an uploaded file',
}

/** Replaces the host's network policy; returns the previous one (tests restore it). */
export function setNetworkPolicy(next: NetworkPolicy): NetworkPolicy {
  const previous = policy
  policy = next
  return previous
}

/**
 * `fetch` for graph nodes: refuses destinations on this computer or a private network unless
 * the host allows them. Where names can be resolved (Node), every redirect hop is checked too.
 */
export async function guardedFetch(url: string, signal: AbortSignal): Promise<Response> {
  let target = new URL(url)
  const get = policy.fetch ?? fetch
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    await checkDestination(target)
    if (policy.allowPrivate || !policy.lookup) return get(target, { signal })
    const response = await get(target, { signal, redirect: 'manual' })
    const location = response.headers.get('location')
    if (response.status < 300 || response.status >= 400 || !location) return response
    target = new URL(location, target)
  }
  throw new RefusedDownload(`${url} redirects more than ${MAX_REDIRECTS} times.`)
}

async function checkDestination(target: URL): Promise<void> {
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    throw new RefusedDownload(`Refused to download ${target.href}: only http and https addresses can be fetched.`)
  }
  if (policy.allowPrivate) return
  const refuse = (why: string) =>
    new RefusedDownload(
      `Refused to download from ${target.host}: ${why}. A graph may fetch only public internet addresses; ` +
        `to use a local one, ${policy.howToAllow}.`,
    )
  const host = target.hostname
  if (isIpLiteral(host)) {
    if (isPrivateAddress(host)) throw refuse('it is an address on this computer or a private network')
    return
  }
  if (isLocalName(host)) throw refuse('the name means this computer or the local network')
  const addresses = policy.lookup ? await policy.lookup(host) : []
  const local = addresses.find(isPrivateAddress)
  if (local) throw refuse(`it resolves to ${local}, an address on this computer or a private network`)
}
