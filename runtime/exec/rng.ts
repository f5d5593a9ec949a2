export { seededRandom } from '../values/random'

/** A 32-bit seed from a hex string (a cache key). */
export function seedFromHex(hex: string): number {
  return parseInt(hex.slice(0, 8), 16) >>> 0
}
