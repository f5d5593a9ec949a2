/** The files of a bundle's start-up snapshot, beside it. */
export function snapshotFiles(bundle: string): { blob: string; stamp: string; failed: string }
/** Whether the launcher would start the bundle from its snapshot with `node`, or a build failed for this bundle already. */
export function snapshotSettled(bundle: string, node: string): boolean
/** Builds the start-up snapshot of a bundle for `node` (the launcher's node); resolves with whether it was built, and why not. */
export function buildSnapshot(bundle: string, node: string): Promise<{ built: boolean; reason?: string }>
