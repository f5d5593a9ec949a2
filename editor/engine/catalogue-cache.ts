import type { NodeDescriptor } from '../../runtime/worker/engine-api'

/** Where the catalogue is kept (localStorage in the app). */
type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>

const KEY = 'mlcanvas-catalogue'

/** This build's id (vite.config.ts sets it in `vite build`); undefined on the dev server and in tests, which always ask the worker. */
const buildId = (): string | undefined => import.meta.env.MLCANVAS_BUILD

/**
 * The node catalogue this build's worker gave on an earlier visit. Describing the node types
 * (their params as JSON Schema) costs the worker 50–100 ms of its start, on the way to every first
 * draw; a build describes them the same way each time, so its kept copy stands in. Undefined
 * without a build id, for another build, or when what is kept cannot be read.
 */
export function keptCatalogue(storage: Storage, build = buildId()): NodeDescriptor[] | undefined {
  if (!build) return undefined
  try {
    const kept = JSON.parse(storage.getItem(KEY) ?? 'null') as { build?: unknown; descriptors?: unknown } | null
    return kept?.build === build && Array.isArray(kept.descriptors) ? (kept.descriptors as NodeDescriptor[]) : undefined
  } catch {
    return undefined
  }
}

/** Keeps the worker's catalogue for this build's next visit; a full or refusing storage only means the next visit asks again. */
export function keepCatalogue(storage: Storage, descriptors: NodeDescriptor[], build = buildId()): void {
  if (!build) return
  try {
    storage.setItem(KEY, JSON.stringify({ build, descriptors }))
  } catch {
    // The next visit asks the worker.
  }
}
