import { mkdirSync } from 'node:fs'
import { afterEach, inject } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { freshContext, openApp, SHOTS } from './browser'

/**
 * For a test file: returns `app()`, which opens the served app in a fresh browser context
 * (its own storage, so tabs and autosave never leak between tests); every context opened
 * during a test is closed after it.
 */
export function appPages(): () => Promise<Page> {
  const url = inject('appUrl')
  mkdirSync(SHOTS, { recursive: true })
  const contexts: BrowserContext[] = []
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()))
  })
  return async () => {
    const ctx = await freshContext()
    contexts.push(ctx)
    return openApp(ctx, url)
  }
}
