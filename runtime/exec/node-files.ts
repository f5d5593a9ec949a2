import type { RegisteredNode, ResolvedFile } from '../node-api/define-node'
import type { FileProvider } from './executor'

/** Reads every file a node's `file` params name (empty params are skipped); throws when one cannot be read. */
export async function readNodeFiles(
  def: RegisteredNode,
  params: Record<string, unknown> | undefined,
  provider: FileProvider | undefined,
): Promise<Record<string, ResolvedFile>> {
  const files: Record<string, ResolvedFile> = {}
  for (const name of def.fileParams ?? []) {
    const value = params?.[name]
    if (typeof value !== 'string' || !value) continue
    if (!provider) throw new Error(`This host cannot read files ("${value}").`)
    files[name] = await provider.resolve(value)
  }
  return files
}

/** The content hash of each file, keyed like the params that name them. */
export function fileHashesOf(files: Record<string, ResolvedFile>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([name, f]) => [name, f.hash]))
}
