/** Whether a bundle is missing, has no list of sources, or one of them (or of `always`) is gone or newer. */
export function isStale(bundle: string, always: string[]): boolean
/** Writes the list of sources isStale reads beside the bundle, by rename. */
export function writeSources(bundle: string, files: string[]): void
