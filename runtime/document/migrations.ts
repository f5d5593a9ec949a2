import { CURRENT_VERSION } from './schema'

/** Turns a document of version `from` into version `from + 1`. */
export interface Migration {
  from: number
  migrate(doc: Record<string, unknown>): Record<string, unknown>
}

/**
 * Forward migrations, oldest first; a format change adds `{ from: n, migrate }` here and bumps
 * CURRENT_VERSION. 1 → 2 added groups, an addition only: every version 1 document is a valid
 * version 2 document as it stands.
 */
export const MIGRATIONS: readonly Migration[] = [{ from: 1, migrate: (doc) => doc }]

/** Applies migrations until the document reaches `target`; returns undefined when one is missing. */
export function migrate(
  doc: Record<string, unknown>,
  migrations: readonly Migration[] = MIGRATIONS,
  target = CURRENT_VERSION,
): Record<string, unknown> | undefined {
  let current = doc
  let version = typeof current.version === 'number' ? current.version : 1
  while (version < target) {
    const step = migrations.find((m) => m.from === version)
    if (!step) return undefined
    current = { ...step.migrate(current), version: version + 1 }
    version += 1
  }
  return current
}
