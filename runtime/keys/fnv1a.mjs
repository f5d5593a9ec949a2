/**
 * 32-bit FNV-1a over a string's UTF-16 code units, unsigned: a small, fast hash for lookup tables
 * (runtime/graph/id-index.ts) and file names (runtime/cli/v8-cache-file.mjs), never for cache keys.
 * Plain JavaScript so that the CLI's launcher path can use it before any bundle is built.
 */
export function fnv1a(text) {
  let h = 0x811c9dc5
  for (let k = 0; k < text.length; k++) h = Math.imul(h ^ text.charCodeAt(k), 0x01000193)
  return h >>> 0
}
