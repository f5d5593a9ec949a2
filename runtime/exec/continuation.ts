import type { NodeCache } from '../cache/node-cache'
import { canonicalJson } from '../keys/canonical'
import type { NodeKey, Recipe } from '../keys/cache-keys'
import { hashString } from '../keys/hash'
import type { PreviousResult, Values } from '../node-api/define-node'

/**
 * The run-record scope of the continuation index: one record per continuation key, naming the
 * entry of the latest run with those params (`putRecord` is atomic in every store).
 */
const INDEX_SCOPE = 'mlcanvas:continue'

/** The cache key recipe without the continuable params: runs that differ only in those share it. */
export function continuationKey(recipe: Recipe, names: readonly string[]): string {
  const params: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(recipe.params)) if (!names.includes(k)) params[k] = v
  return hashString(`continue:${canonicalJson({ ...recipe, params, continueOn: [...names].sort() })}`)
}

/** Whether every continuable param of `before` is a number no larger than now, and one is smaller. */
function grew(before: Record<string, unknown>, now: Record<string, unknown>, names: readonly string[]): boolean {
  let larger = false
  for (const n of names) {
    const a = before[n]
    const b = now[n]
    if (typeof a !== 'number' || typeof b !== 'number' || a > b) return false
    if (b > a) larger = true
  }
  return larger
}

/**
 * One node run's access to its own earlier result (NodeContext.previous) and what it did with
 * it, for the run's reason. Anything wrong with the earlier result means "run from scratch".
 */
export class Continuation {
  private readonly index: string
  private note?: string

  constructor(
    private readonly cache: NodeCache,
    private readonly key: NodeKey,
    private readonly names: readonly string[],
  ) {
    this.index = continuationKey(key.recipe, names)
  }

  /** The earlier result when the continuable params grew; undefined (with a note why) otherwise. */
  readonly previous = async (): Promise<PreviousResult | undefined> => {
    const record = await this.cache.getRecord(INDEX_SCOPE, this.index)
    // The record is untrusted (a shared cache directory): its recipe must hash to the key it names.
    if (!record || hashString(canonicalJson(record.recipe)) !== record.key) return undefined
    if (continuationKey(record.recipe, this.names) !== this.index) return undefined
    const params = record.recipe.params
    if (!grew(params, this.key.recipe.params, this.names)) return undefined
    const hit = await this.cache.get(record.key)
    if (hit.status !== 'hit') {
      this.note = `earlier result ${hit.status === 'corrupt' ? 'unreadable' : 'no longer cached'}; ran from scratch`
      return undefined
    }
    return {
      outputs: hit.value as Values,
      params: { ...params },
      used: (note: string) => void (this.note = `continued from ${note}`),
    }
  }

  /** Remembers the entry just stored as the latest result under this continuation key. */
  async remember(storeKey: string): Promise<void> {
    await this.cache.putRecord(INDEX_SCOPE, this.index, { key: storeKey, recipe: this.key.recipe })
  }

  /** The run's reason, with what happened to the earlier result when there was one. */
  reason(base: string): string {
    return this.note ? `${this.note} (${base})` : base
  }
}
