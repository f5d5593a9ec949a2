import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate'

const PREFIX = '#g='

function toBase64Url(bytes: Uint8Array): string {
  let bin = ''
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/')
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4))
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

/** The URL fragment that carries a graph: JSON, deflated, base64url. */
export function encodeShareFragment(json: string): string {
  return PREFIX + toBase64Url(deflateSync(strToU8(json), { level: 9 }))
}

/**
 * The JSON text inside a share fragment; undefined when the fragment carries no graph.
 * Throws a plain sentence when the fragment is damaged.
 */
export function decodeShareFragment(hash: string): string | undefined {
  if (!hash.startsWith(PREFIX)) return undefined
  try {
    return strFromU8(inflateSync(fromBase64Url(hash.slice(PREFIX.length))))
  } catch {
    throw new Error('The share link is damaged (it could not be decompressed); ask for the link again.')
  }
}
