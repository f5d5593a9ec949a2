/**
 * Readers for deserialize: a fitted state from a cache file or a model bundle is untrusted, so
 * each field is checked for its type and named in the error when it is wrong.
 */
export class StateShapeError extends Error {
  constructor(family: string, field: string, expected: string) {
    super(`The saved ${family} model is damaged: "${field}" should be ${expected}.`)
    this.name = 'StateShapeError'
  }
}

export function stateReader(family: string, v: Record<string, unknown>) {
  const own = (key: string) => (Object.hasOwn(v, key) ? v[key] : undefined)
  const fail = (key: string, expected: string): never => {
    throw new StateShapeError(family, key, expected)
  }
  return {
    number(key: string): number {
      const x = own(key)
      return typeof x === 'number' ? x : fail(key, 'a number')
    },
    string<T extends string>(key: string, allowed: readonly T[]): T {
      const x = own(key)
      return typeof x === 'string' && (allowed as readonly string[]).includes(x) ? (x as T) : fail(key, allowed.join(' | '))
    },
    f64(key: string, length?: number): Float64Array {
      const x = own(key)
      return x instanceof Float64Array && (length === undefined || x.length === length) ? x : fail(key, `a Float64Array${length === undefined ? '' : ` of ${length}`}`)
    },
    i32(key: string): Int32Array {
      const x = own(key)
      return x instanceof Int32Array ? x : fail(key, 'an Int32Array')
    },
    list(key: string): Record<string, unknown>[] {
      const x = own(key)
      return Array.isArray(x) && x.every((e) => e && typeof e === 'object') ? x : fail(key, 'a list of objects')
    },
    raw(key: string): unknown {
      return own(key)
    },
  }
}
