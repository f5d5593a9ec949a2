/** Whether a bundle is missing, has no list of sources, or one of them (or of `always`) is gone or newer. */
export function isStale(bundle: string, always: string[]): boolean
/** Writes the list of sources isStale reads beside the bundle, by rename. */
export function writeSources(bundle: string, files: string[]): void
/** The files besides its sources that a bundle and its snapshot are made with (package lock, bundler, snapshot builder), in the checkout at `root`. */
export function alwaysFiles(root: string): string[]
