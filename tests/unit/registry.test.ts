import { describe, expect, it } from 'vitest'
import { defineNode } from '../../runtime/node-api/define-node'
import { describeNode, Registry } from '../../runtime/registry'
import { addNode, constNode, passNode } from '../support/test-nodes'

describe('Registry', () => {
  it('refuses duplicate and malformed type ids', () => {
    expect(() => new Registry([constNode, constNode])).toThrow('Node type "test.const" is registered twice.')
    expect(() => new Registry([{ ...constNode, type: 'Bad Name' }])).toThrow(/must be dotted lowercase/)
  })

  it('fills defaults and describes params as JSON Schema with UI hints', () => {
    const r = new Registry([addNode, passNode])
    expect(r.defaults('test.add')).toEqual({ offset: 0 })
    const d = describeNode(r.get('test.add')!)
    expect(d.inputs).toEqual({ a: { types: ['metrics'], optional: false }, b: { types: ['metrics'], optional: true } })
    expect(d.params).toMatchObject({
      type: 'object',
      properties: { offset: { type: 'number', default: 0, minimum: -1000, maximum: 1000, ui: 'number' } },
    })
    expect(describeNode(r.get('test.pass')!).outputs.data).toEqual({ types: ['dataset', 'splits'], sameAs: 'data' })
  })

  it('builds params declared as a function when they are first read, once, not when the type is registered', () => {
    let built = 0
    const lazy = defineNode({ ...addNode, type: 'test.lazy', params: () => ((built += 1), addNode.params) })
    const r = new Registry([lazy, addNode])
    expect(built).toBe(0)
    expect(r.defaults('test.lazy')).toEqual({ offset: 0 })
    expect(r.get('test.lazy')!.params).toBe(lazy.params)
    expect(built).toBe(1)
  })

  it('compiles a type\'s params schema when it is first used, once', () => {
    const r = new Registry([addNode, passNode])
    const compiled = (type: string) => 'value' in Object.getOwnPropertyDescriptor(r.get(type)!, 'paramsSchema')!
    expect([compiled('test.add'), compiled('test.pass')]).toEqual([false, false])
    const schema = r.get('test.add')!.paramsSchema
    expect(r.get('test.add')!.paramsSchema).toBe(schema)
    expect([compiled('test.add'), compiled('test.pass')]).toEqual([true, false])
    expect(schema.safeParse({ offset: 2 }).data).toEqual({ offset: 2 })
    expect(schema.safeParse({ offset: 2, other: 1 }).success).toBe(false)
  })
})
