import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { freshContext } from '../browser/browser'
import { serveStatic } from './static-server'

const url = inject('appUrl')
const dir = inject('appDir')
const contexts: Awaited<ReturnType<typeof freshContext>>[] = []

/** Opens `at` in a fresh profile, recording CSP violations and page errors. */
async function open(at: string): Promise<{ page: Page; violations: () => Promise<string[]>; errors: string[] }> {
  const ctx = await freshContext()
  contexts.push(ctx)
  const page = ctx.pages()[0] ?? (await ctx.newPage())
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { __violations: string[] }).__violations = [])
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`))
  })
  await page.goto(at)
  await page.waitForFunction(() => !document.querySelector('.engine-gate'), undefined, { timeout: 60_000 })
  await page.locator('.react-flow__node').first().waitFor({ timeout: 30_000 })
  const violations = () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)
  return { page, violations, errors }
}

async function runAll(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Run all', exact: false }).click()
  const total = page.getByText(/^\d+ ran · \d+ cached/)
  await total.waitFor({ timeout: 90_000 })
  return (await total.textContent()) ?? ''
}

let policy = ''
beforeAll(async () => {
  const html = await (await fetch(url)).text()
  policy = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1].replace(/&#39;/g, "'") ?? ''
})
afterAll(async () => {
  for (const ctx of contexts) await ctx.close()
})

describe('Content-Security-Policy of the built app', () => {
  it('is strict: scripts from this origin only, no inline script or eval, WebAssembly allowed', () => {
    const directives = new Map(policy.split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1)]))
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"])
    expect(directives.get('style-src')).toEqual(["'self'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(policy).not.toMatch(/unsafe-inline|'unsafe-eval'/)
  })

  it('the example runs under it on wasm, the canvas is laid out, and nothing is blocked', async () => {
    const { page, violations, errors } = await open(url)
    expect(await page.getByTestId('backend').textContent()).toBe('wasm')
    expect(await runAll(page)).toMatch(/^(\d+) ran · 0 cached/)
    // React Flow positions nodes with inline transforms (set through the CSSOM, which CSP allows).
    const transform = await page.locator('.react-flow__node').first().evaluate((n) => getComputedStyle(n).transform)
    expect(transform).toMatch(/^matrix/)
    expect(await page.locator('.react-flow__node').count()).toBeGreaterThan(3)
    expect(await violations()).toEqual([])
    expect(errors).toEqual([])
  }, 180_000)

  it('served with a policy that forbids WebAssembly, the engine falls back to cpu and says so', async () => {
    const strictNoWasm = policy.replace(" 'wasm-unsafe-eval'", '')
    const server = await serveStatic(dir, { 'content-security-policy': strictNoWasm })
    try {
      const { page } = await open(server.url)
      expect(await page.getByTestId('backend').textContent()).toBe('cpu')
      await expect
        .poll(() => page.getByText("Running on the slower cpu backend: this page's Content-Security-Policy blocks WebAssembly").count())
        .toBe(1)
      expect(await runAll(page)).toMatch(/^\d+ ran · 0 cached/)
    } finally {
      await server.close()
    }
  }, 180_000)
})
