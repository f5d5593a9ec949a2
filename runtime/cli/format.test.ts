import { describe, expect, it } from 'vitest'
import { formatSummary } from './format'

describe('the CLI summary line', () => {
  it('writes numbers, nested summaries and lists on one line', () => {
    expect(formatSummary({ rows: 600, r2: 0.853412, split: { train: 480, test: 120 }, task: 'regression' })).toBe('rows=600 r2=0.8534 split={train=480 test=120} task=regression')
    expect(formatSummary({ notes: ['Column "fee" is read as amounts in $ ("$5" is 5).', 'Column "rate" is read as percentages ("45%" is 0.45).'] })).toBe(
      'notes=Column "fee" is read as amounts in $ ("$5" is 5). | Column "rate" is read as percentages ("45%" is 0.45).',
    )
  })
})
