import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { NODE_CATEGORIES } from '../runtime/node-api/define-node'

const css = readFileSync(new URL('./styles.css', import.meta.url), 'utf8')
const colour = (c: string) => new RegExp(`--cat-${c}:\\s*#[0-9a-f]{6};`, 'i').exec(css)?.[0].slice(-8, -1).toLowerCase()

describe('category colours', () => {
  it('give every node category its own colour, used by palette dots and node cards', () => {
    const seen = new Map<string, string>()
    for (const c of NODE_CATEGORIES) {
      const hex = colour(c)
      expect(hex, `--cat-${c} in styles.css`).toBeDefined()
      expect(seen.get(hex!), `${c} shares its colour`).toBeUndefined()
      seen.set(hex!, c)
      expect(css, `.cat-${c} rule`).toContain(`.cat-${c} { --cat: var(--cat-${c}); }`)
    }
  })
})
