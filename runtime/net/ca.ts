import { readFileSync } from 'node:fs'
import type { SecureContext } from 'node:tls'
import { debuglog } from 'node:util'

/**
 * Where the launcher (runtime/cli/pipeline) moves NODE_EXTRA_CA_CERTS before it starts Node: Node 20 parses
 * that file at every start, before any JavaScript, and a run served from the cache never connects anywhere.
 * It does so only for a node whose default CA store is its bundled roots (runtime/net/ca-store.mjs), the
 * list outboundSecureContext builds again.
 */
const DEFERRED = 'MLCANVAS_EXTRA_CA_CERTS'
const NODE_OWN = 'NODE_EXTRA_CA_CERTS'

// NODE_DEBUG=mlcanvas shows when the file is read (the tests count it).
const log = debuglog('mlcanvas')

/**
 * Gives NODE_EXTRA_CA_CERTS back to the environment child processes inherit (a credential helper the AWS SDK
 * runs, any tool behind the same TLS-inspecting proxy), once this process's Node has started without it.
 */
export function restoreExtraCaEnv(env: NodeJS.ProcessEnv = process.env): void {
  const deferred = env[DEFERRED]
  if (deferred && !env[NODE_OWN]) env[NODE_OWN] = deferred
}

/**
 * The extra CA file Node's own store may lack in this process: the launcher's. A NODE_EXTRA_CA_CERTS that
 * differs from it was set after the launcher ran, and Node read that one when it started.
 */
function deferredFile(env: NodeJS.ProcessEnv): string | undefined {
  const deferred = env[DEFERRED]
  const own = env[NODE_OWN]
  return deferred && (!own || own === deferred) ? deferred : undefined
}

/** Whether outbound TLS here needs its own CA list (outboundSecureContext) rather than Node's default one. */
export const hasDeferredCa = (): boolean => deferredFile(process.env) !== undefined

const contexts = new Map<string, Promise<SecureContext>>()

/**
 * The TLS context every outbound connection of the CLI uses: the CA list Node would have used had it read
 * NODE_EXTRA_CA_CERTS itself (its bundled roots, then the file's certificates; a `ca` option replaces both).
 * Undefined when Node's default context already is that. The file is read on the first call, once per thread.
 */
export async function outboundSecureContext(): Promise<SecureContext | undefined> {
  const file = deferredFile(process.env)
  if (!file) return undefined
  let context = contexts.get(file)
  if (!context) {
    // node:tls is loaded here, not by the CLI's start.
    context = import('node:tls').then((tls) => tls.createSecureContext({ ca: [...tls.rootCertificates, ...extraCertificates(file)] }))
    contexts.set(file, context)
  }
  return context
}

/** The file's PEM text, or nothing with the warning Node itself prints for a file it cannot read. */
function extraCertificates(file: string): string[] {
  try {
    const text = readFileSync(file, 'latin1')
    log('net: read the extra CA certificates in %s', file)
    return [text]
  } catch (e) {
    process.emitWarning(`Ignoring extra certs from \`${file}\`, load failed: ${(e as Error).message}`)
    return []
  }
}
