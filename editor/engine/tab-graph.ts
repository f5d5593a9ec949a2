/**
 * Which saved graph a tab owns. sessionStorage is per tab and survives a reload, so a reload
 * reopens the tab's own graph; a Web Lock held for the tab's life tells other tabs it is taken.
 */
const TAB_KEY = 'mlcanvas.graphId'
const lockName = (id: string) => `mlcanvas-graph-${id}`

let release: (() => void) | undefined

export function tabGraphId(): string | undefined {
  try {
    return sessionStorage.getItem(TAB_KEY) ?? undefined
  } catch {
    return undefined
  }
}

/** Makes `id` this tab's graph: remembered for reloads and locked against other tabs. */
export function claimGraph(id: string): void {
  try {
    sessionStorage.setItem(TAB_KEY, id)
  } catch {
    /* storage off: the graph is still saved, only a reload will not find it */
  }
  release?.()
  release = undefined
  const locks = globalThis.navigator?.locks
  if (!locks) return
  void locks.request(lockName(id), () => new Promise<void>((resolve) => (release = resolve)))
}

/** Ids of graphs another tab holds now. */
export async function graphsInUse(): Promise<Set<string>> {
  const locks = globalThis.navigator?.locks
  if (!locks) return new Set()
  const { held = [] } = await locks.query()
  return new Set(held.map((l) => l.name ?? '').filter((n) => n.startsWith('mlcanvas-graph-')).map((n) => n.slice('mlcanvas-graph-'.length)))
}
