import { describe, expect, it } from 'vitest'
import { toCsv } from './csv'

describe('toCsv', () => {
  it('quotes only fields that need it, doubling quotes', () => {
    expect(toCsv(['a', 'b,c'], [['1', 'say "hi"'], ['', 'x\ny']])).toBe('a,"b,c"\n1,"say ""hi"""\n,"x\ny"\n')
  })
})
