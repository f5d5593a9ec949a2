/** `bundled-ca` when this node's default CA store is its bundled roots, else `other-ca` (runtime/net/ca-store.mjs). */
export function caStoreLine(config?: Record<string, unknown>): 'bundled-ca' | 'other-ca'
