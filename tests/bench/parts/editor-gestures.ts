import type { CDPSession, Page } from 'playwright-core'
import { encodeShareFragment } from '../../../editor/lib/share-link'
import type { GraphDocument } from '../../../runtime/document/schema'
import { median } from '../lib/stats'

/** Mouse moves per gesture leg (playwright waits for each move to be handled). */
const STEPS = 30

/** The main thread's busy time so far (ms): every task it ran, scripts, style, layout and paint alike. */
async function busyMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics')
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000
}

/** What a gesture cost: requestAnimationFrame intervals, and main-thread work per mouse move. */
export interface GestureCost {
  /** Median and 95th percentile rAF interval (ms): headless Chromium paces frames at 60 Hz, so never below ≈ 16.7. */
  median: number
  p95: number
  /** Main-thread busy time per mouse move (ms): what the frame interval cannot show below one frame. */
  workPerMove: number
}

/** rAF intervals and main-thread work while `gesture` (of `moves` mouse moves) runs. */
async function measureGesture(page: Page, cdp: CDPSession, moves: number, gesture: () => Promise<void>): Promise<GestureCost> {
  // A string, not a function: tsx would wrap a named inner function in a `__name` helper
  // that does not exist in the page.
  await page.evaluate(`(() => {
    window.frames_ = []
    window.stop_ = false
    const tick = (t) => {
      window.frames_.push(t)
      if (!window.stop_) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })()`)
  const before = await busyMs(cdp)
  await gesture()
  const work = (await busyMs(cdp)) - before
  const stamps = await page.evaluate<number[]>(`(() => {
    window.stop_ = true
    return window.frames_
  })()`)
  const frames = stamps.slice(1).map((t, i) => t - stamps[i])
  const sorted = [...frames].sort((a, b) => a - b)
  return { median: median(frames), p95: sorted[Math.floor(sorted.length * 0.95)], workPerMove: work / moves }
}

/** The pane dragged back and forth three times. */
export async function pan(page: Page, cdp: CDPSession): Promise<GestureCost> {
  const box = (await page.locator('.react-flow__pane').boundingBox())!
  const y = box.y + box.height / 2
  return measureGesture(page, cdp, 3 * STEPS, async () => {
    for (let pass = 0; pass < 3; pass++) {
      await page.mouse.move(box.x + box.width * 0.7, y)
      await page.mouse.down()
      await page.mouse.move(box.x + box.width * 0.3, y + 60, { steps: STEPS })
      await page.mouse.up()
    }
  })
}

/** A node in view dragged by its title bar, there and back. */
export async function drag(page: Page, cdp: CDPSession): Promise<GestureCost> {
  const head = page.locator('.react-flow__node .pnode-head').nth(2)
  const box = (await head.boundingBox())!
  const [x, y] = [box.x + 20, box.y + box.height / 2]
  return measureGesture(page, cdp, 2 * STEPS, async () => {
    await page.mouse.move(x, y)
    await page.mouse.down()
    await page.mouse.move(x + 200, y + 120, { steps: STEPS })
    await page.mouse.move(x, y, { steps: STEPS })
    await page.mouse.up()
  })
}

/** Nodes drawn inside the window (a string for page.evaluate; see measureGesture). */
const DRAWN_IN_VIEW = `[...document.querySelectorAll('.react-flow__node')].filter((el) => {
  const r = el.getBoundingClientRect()
  return r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight
}).length`

/**
 * Opens a share link to `doc` until a screenful of its nodes is drawn in place; the time in ms.
 * A large graph draws only the nodes in view (about 15 at the readable zoom it opens at).
 */
export async function openLink(page: Page, url: string, doc: GraphDocument): Promise<number> {
  const link = url + encodeShareFragment(JSON.stringify(doc))
  const want = Math.min(doc.nodes.length, 10)
  await page.goto('about:blank')
  const t0 = performance.now()
  await page.goto(link)
  // Functions, not strings, for waitForFunction: the app's CSP forbids eval.
  await page.waitForFunction(
    (n) => {
      const all = [...document.querySelectorAll<HTMLElement>('.react-flow__node')]
      const inView = all.filter((el) => {
        const r = el.getBoundingClientRect()
        return r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight
      })
      return inView.length >= n && !all.some((el) => el.style.transform === 'translate(0px, 0px)')
    },
    want,
    { timeout: 120_000, polling: 20 },
  )
  return performance.now() - t0
}

/**
 * Auto-layout from the toolbar on the graph shown, until the nodes are drawn in their new places;
 * every animation frame meanwhile counts the nodes on screen, so a blank canvas shows.
 */
export async function autoLayout(page: Page): Promise<{ ms: number; blankFrames: number; frames: number }> {
  // Where the drawn nodes are (one of them may keep its place, e.g. the first at the margin).
  const moved = `[...document.querySelectorAll('.react-flow__node')].map((el) => el.style.transform).join(';')`
  const first = await page.evaluate<string>(moved)
  await page.evaluate(`(() => {
    window.blank_ = 0
    window.seen_ = 0
    window.watch_ = true
    const tick = () => {
      window.seen_++
      if (!(${DRAWN_IN_VIEW})) window.blank_++
      if (window.watch_) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })()`)
  const t0 = performance.now()
  await page.getByRole('button', { name: 'Auto-layout' }).click()
  await page.waitForFunction(
    (was) => [...document.querySelectorAll<HTMLElement>('.react-flow__node')].map((el) => el.style.transform).join(';') !== was,
    first,
    { timeout: 60_000, polling: 'raf' },
  )
  const ms = performance.now() - t0
  // The fit that follows (200 ms animation) is part of what the user sees: keep counting through it.
  await page.waitForTimeout(400)
  const { blank, seen } = await page.evaluate<{ blank: number; seen: number }>(`(() => { window.watch_ = false; return { blank: window.blank_, seen: window.seen_ } })()`)
  return { ms, blankFrames: blank, frames: seen }
}

/** Run all, from the click until the run's end is shown; with the run time the engine reported. */
export async function runAll(page: Page): Promise<{ wallMs: number; engineMs: number; ran: number }> {
  const status = page.getByRole('status', { name: 'Last run' })
  const runs = Number(await status.getAttribute('data-runs'))
  const t0 = performance.now()
  await page.getByRole('button', { name: 'Run all', exact: false }).click()
  await page.waitForFunction((n) => Number(document.querySelector<HTMLElement>('[aria-label="Last run"]')?.dataset.runs) > n, runs, { timeout: 300_000, polling: 20 })
  const wallMs = performance.now() - t0
  return { wallMs, engineMs: Number(await status.getAttribute('data-ms')), ran: Number(await status.getAttribute('data-ran')) }
}
