import { describe, expect, it } from 'vitest'
import type { NodeDescriptor } from '../../runtime/worker/engine-api'
import { nodeTitle } from './node-title'

const descriptors = new Map([['train.fit', { type: 'train.fit', title: 'Train' } as NodeDescriptor]])

describe('nodeTitle', () => {
  it('names a node by its label, else its type title, else its type id', () => {
    expect(nodeTitle('My model', 'train.fit', descriptors)).toBe('My model')
    expect(nodeTitle(undefined, 'train.fit', descriptors)).toBe('Train')
    expect(nodeTitle(undefined, 'plugin.gone', descriptors)).toBe('plugin.gone')
  })
})
