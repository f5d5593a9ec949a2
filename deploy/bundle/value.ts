import type { BundleFiles } from './build'

/** The `bundle` port value: a bundle's files as plain data, so the cache and workers can carry it. */
export interface BundleValue {
  kind: 'bundle'
  name: string
  files: { path: string; bytes: Uint8Array }[]
}

export function isBundleValue(v: unknown): v is BundleValue {
  return typeof v === 'object' && v !== null && (v as BundleValue).kind === 'bundle' && Array.isArray((v as BundleValue).files)
}

export function bundleValue(name: string, files: BundleFiles): BundleValue {
  return { kind: 'bundle', name, files: [...files].map(([path, bytes]) => ({ path, bytes })) }
}

export function bundleFiles(v: BundleValue): BundleFiles {
  return new Map(v.files.map((f) => [f.path, f.bytes]))
}
