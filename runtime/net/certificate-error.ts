/** A server's certificate that TLS refused; the message names the problem and what to set. */
export class UntrustedCertificate extends Error {}

/** OpenSSL's verify errors (as Node names them) that mean "signed by a CA this process does not trust". */
const UNKNOWN_ISSUER = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_UNTRUSTED',
])
const OTHER = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_REVOKED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_SIGNATURE_FAILURE'])

/**
 * The refusal of `host`'s certificate behind `e` (a fetch's "fetch failed" holds it as its cause), said so a
 * user can act on it; undefined for any other failure.
 */
export function certificateRefusal(e: unknown, host: string): UntrustedCertificate | undefined {
  for (let at = e, depth = 0; at instanceof Error && depth < 4; at = at.cause, depth++) {
    const code = (at as { code?: unknown }).code
    if (typeof code !== 'string' || !(UNKNOWN_ISSUER.has(code) || OTHER.has(code))) continue
    const hint = UNKNOWN_ISSUER.has(code)
      ? ' If a proxy that inspects TLS or a private CA signs it, set NODE_EXTRA_CA_CERTS to a PEM file with that CA’s certificate.'
      : ''
    return new UntrustedCertificate(`The TLS certificate of ${host} is not accepted: ${at.message} (${code}).${hint}`)
  }
  return undefined
}
