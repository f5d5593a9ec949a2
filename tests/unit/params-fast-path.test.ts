import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { createRegistry } from '../../nodes'
import type { RegisteredNode } from '../../runtime/node-api/define-node'
import { fastParams } from '../../runtime/node-api/params-fast-path'
import { testRegistry } from '../support/test-nodes'

const defs = [...createRegistry().list(), ...testRegistry().list()]

/** The numbers a field's checks name (bounds), and their neighbours either side. */
function boundsOf(schema: z.ZodType): number[] {
  const def = schema._zod.def as { innerType?: z.ZodType; element?: z.ZodType; checks?: { _zod: { def: Record<string, unknown> } }[] }
  const inner = def.innerType ?? def.element
  const own = (def.checks ?? []).flatMap((c) => [c._zod.def.value, c._zod.def.maximum, c._zod.def.minimum]).filter((v): v is number => typeof v === 'number')
  return [...own.flatMap((v) => [v - 1, v - 0.5, v, v + 0.5, v + 1]), ...(inner ? boundsOf(inner) : [])]
}

const ODD: unknown[] = [
  0, -0, 1, -1, 0.5, 1e21, 2 ** 53, Infinity, NaN, '', 'a', 'é', '😀', 'x'.repeat(10_001), true, false, null, undefined,
  [], [''], ['a'], ['😀'], [1], [null], new Array(2), {}, { a: 1 },
]

/** One-field variations of each param: odd values, the field's bounds, each option of a select. */
function candidates(def: RegisteredNode): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [{}, { nope: 1 }, Object.create(null), Object.assign(Object.create({ inherited: 1 }), {})]
  for (const [name, schema] of Object.entries(def.paramsSchema.shape)) {
    const options = [...(schema._zod.values ?? [])]
    const fill = def.paramsSchema.safeParse({})
    const valid = fill.success ? fill.data[name] : undefined
    for (const value of [...ODD, ...boundsOf(schema), ...options, valid]) out.push({ [name]: value })
    out.push(JSON.parse(`{"__proto__": 1, ${JSON.stringify(name)}: ${JSON.stringify(valid ?? 0)}}`))
  }
  return out
}

describe('params fast path', () => {
  it('accepts only what zod accepts, and gives zod output (same keys, same order, same values)', () => {
    let accepted = 0
    let declined = 0
    for (const def of defs) {
      const fast = fastParams(def)
      for (const params of candidates(def)) {
        const data = fast?.parse(params)
        const zod = def.paramsSchema.safeParse(params)
        if (data === undefined) {
          declined++
          continue
        }
        accepted++
        expect({ type: def.type, params, ok: zod.success }).toEqual({ type: def.type, params, ok: true })
        expect(Object.keys(data)).toEqual(Object.keys(zod.data!))
        expect(data).toStrictEqual(zod.data)
      }
    }
    // Both ways are exercised: the checks are real, not vacuous.
    expect(accepted).toBeGreaterThan(1000)
    expect(declined).toBeGreaterThan(1000)
  })

  it('covers the node types whose params are JSON primitives and lists of them', () => {
    const covered = defs.filter((def) => fastParams(def)?.parse({}))
    expect(covered.length).toBeGreaterThan(defs.length * 0.9)
    expect(covered.map((d) => d.type)).toEqual(expect.arrayContaining(['test.add', 'test.const', 'data.csv', 'train.fit']))
  })

  it('leaves a wrong value to zod, whose message names it', () => {
    const add = testRegistry().get('test.add')!
    expect(fastParams(add)!.parse({ offset: 5000 })).toBeUndefined()
    expect(fastParams(add)!.parse({ offset: 1, extra: true })).toBeUndefined()
    expect(fastParams(add)!.parse({ offset: 3 })).toEqual({ offset: 3 })
    expect(fastParams(add)!.parse({})).toEqual({ offset: 0 })
  })
})
