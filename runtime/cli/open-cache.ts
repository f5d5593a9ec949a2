import { resolve } from 'node:path'
import { CacheDirError } from '../cache/dir-files'
import { DirStore } from '../cache/dir-store'
import type { PersistentStore } from '../cache/types'

/** A problem with the command line: printed with the usage text, exit code 2. */
export class UsageError extends Error {}

export interface CacheChoice {
  'cache-dir'?: string
  'cache-url'?: string
  'no-cache'?: boolean
}

/** What `--cache-url` accepts, for usage texts. */
export const CACHE_URL_HELP = `--cache-url s3://bucket/prefix keeps the cache in an S3-compatible object store (credentials and region
from the AWS SDK's usual chain; AWS_ENDPOINT_URL_S3 for MinIO and other S3-compatible servers).`

/**
 * The cache folder of a command given no --cache-dir (~/.cache/mlcanvas on Linux). env-paths reads the
 * home and temporary folders when its module is evaluated: imported on demand, that happens when a command
 * asks, never while the start-up snapshot is built (snapshot.mjs), which would keep the builder's folders.
 */
export async function defaultCacheDir(): Promise<string> {
  const { default: envPaths } = await import('env-paths')
  return envPaths('mlcanvas', { suffix: '' }).cache
}

/**
 * The persistent cache tier the flags name, checked before anything runs: a directory (the
 * default one when none is given), an S3 prefix, or none with --no-cache. A store that cannot
 * serve is a usage error (exit 2).
 */
export async function openCacheStore(flags: CacheChoice): Promise<PersistentStore | undefined> {
  const given = [flags['cache-dir'] !== undefined, flags['cache-url'] !== undefined, flags['no-cache'] === true].filter(Boolean)
  if (given.length > 1) throw new UsageError('Give one of --cache-dir, --cache-url and --no-cache.')
  if (flags['no-cache']) return undefined
  try {
    if (flags['cache-url'] !== undefined) {
      const { S3Store } = await import('../cache/s3-store')
      return await S3Store.open(flags['cache-url'])
    }
    const dir = flags['cache-dir'] ? resolve(flags['cache-dir']) : await defaultCacheDir()
    return await DirStore.open(dir)
  } catch (e) {
    if (e instanceof CacheDirError) throw new UsageError(`${e.message} Give another --cache-dir or --cache-url, or --no-cache.`)
    throw e
  }
}
