/**
 * Which network addresses a graph may fetch from. A shared graph is untrusted input: left
 * alone, a `data.url` node could read services on this computer or the local network
 * (routers, admin pages, cloud metadata at 169.254.169.254) and show them in a summary.
 */

/** [first octets as a number prefix, prefix length] of IPv4 ranges that are not the public internet. */
const PRIVATE_V4: [number, number][] = [
  [0x00000000, 8], // "this network"
  [0x0a000000, 8], // private
  [0x64400000, 10], // carrier-grade NAT
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local (cloud metadata lives here)
  [0xac100000, 12], // private
  [0xc0000000, 24], // IETF protocol assignments
  [0xc0a80000, 16], // private
  [0xc6120000, 15], // benchmarking
  [0xe0000000, 4], // multicast
  [0xf0000000, 4], // reserved, broadcast
]

function v4Number(ip: string): number | undefined {
  const parts = ip.split('.')
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined
  return parts.reduce((n, p) => n * 256 + Number(p), 0)
}

function privateV4(n: number): boolean {
  return PRIVATE_V4.some(([base, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)))
}

/** The 8 groups of an IPv6 address (`::` expanded, an embedded dotted IPv4 tail converted), or undefined. */
function v6Groups(ip: string): number[] | undefined {
  let text = ip.replace(/^\[|\]$/g, '').toLowerCase()
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text)
  if (dotted) {
    const n = v4Number(dotted[2])
    if (n === undefined) return undefined
    text = `${dotted[1]}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`
  }
  const halves = text.split('::')
  if (halves.length > 2) return undefined
  const parse = (s: string) => (s ? s.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)) : [])
  const head = parse(halves[0])
  const tail = halves.length === 2 ? parse(halves[1]) : []
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0
  const groups = [...head, ...new Array<number>(Math.max(fill, 0)).fill(0), ...tail]
  return groups.length === 8 && groups.every((g) => Number.isFinite(g)) ? groups : undefined
}

function privateV6(g: number[]): boolean {
  const zeroTo = (k: number) => g.slice(0, k).every((x) => x === 0)
  if (zeroTo(7) && (g[7] === 0 || g[7] === 1)) return true // :: and ::1
  if (zeroTo(5) && g[5] === 0xffff) return privateV4(g[6] * 65536 + g[7]) // IPv4-mapped
  if (g[0] === 0x64 && g[1] === 0xff9b) return privateV4(g[6] * 65536 + g[7]) // NAT64
  if ((g[0] & 0xfe00) === 0xfc00) return true // unique local
  if ((g[0] & 0xffc0) === 0xfe80) return true // link-local
  if ((g[0] & 0xff00) === 0xff00) return true // multicast
  return false
}

/** True for an IP address (v4 or v6, brackets allowed) on this computer or a private/local network. */
export function isPrivateAddress(ip: string): boolean {
  const v4 = v4Number(ip)
  if (v4 !== undefined) return privateV4(v4)
  const v6 = v6Groups(ip)
  return v6 ? privateV6(v6) : false
}

/** True when `host` is an IP literal (so no name lookup can change what it points at). */
export const isIpLiteral = (host: string) => v4Number(host) !== undefined || v6Groups(host) !== undefined

/** True for names that always mean this computer or the local network, whatever DNS says. */
export function isLocalName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '')
  return h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.internal') || !h.includes('.')
}
