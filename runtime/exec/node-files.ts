import type { RegisteredNode, ResolvedFile } from '../node-api/define-node'

/** Reads the files a node's `file` params name (from disk, or from the browser's uploads). */
export interface FileProvider {
  /** `param` names the node param that asked, for messages. */
  resolve(value: string, param?: string): Promise<ResolvedFile>
}

/** The node's `file` params that name a file, as [param, file name] pairs. */
export function namedFiles(def: RegisteredNode, params: Record<string, unknown> | undefined): [string, string][] {
  return (def.fileParams ?? []).flatMap((name) => {
    const value = params?.[name]
    return typeof value === 'string' && value ? [[name, value] as [string, string]] : []
  })
}

/** Reads every file a node's `file` params name; throws when one cannot be read. */
export async function readNodeFiles(
  def: RegisteredNode,
  params: Record<string, unknown> | undefined,
  provider: FileProvider | undefined,
): Promise<Record<string, ResolvedFile>> {
  const files: Record<string, ResolvedFile> = {}
  for (const [name, value] of namedFiles(def, params)) {
    if (!provider) throw new Error(`This host cannot read files ("${value}").`)
    files[name] = await provider.resolve(value, name)
  }
  return files
}

/** The content hash of each file, keyed like the params that name them. */
export function fileHashesOf(files: Record<string, ResolvedFile>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([name, f]) => [name, f.hash]))
}
