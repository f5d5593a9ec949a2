import { createRegistry } from '../../nodes'
import type { Registry } from '../registry'

let shared: Registry | undefined

/**
 * The CLI's node registry, one per process. Built while the start-up snapshot is built (its warm-up
 * runs `main`), so that a snapshot start begins with it and with the param schemas the warm-up compiled.
 */
export const cliRegistry = (): Registry => (shared ??= createRegistry())
