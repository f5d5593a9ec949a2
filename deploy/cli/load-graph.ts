import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { GraphDocument } from '../../runtime/document/schema'
import { loadDocument } from '../../runtime/document/load'
import type { Registry } from '../../runtime/registry'
import { formatDiagnostics, hasErrors } from '../../runtime/validate/diagnostics'

/** A command-line mistake: printed with the usage, exit code 2. */
export class CommandError extends Error {}

/** Reads and validates a graph file; `nodeId` must name one of its nodes. */
export async function loadGraphFile(file: string, registry: Registry, nodeId?: string): Promise<{ path: string; doc: GraphDocument }> {
  const path = resolve(file)
  const text = await readFile(path, 'utf8').catch(() => {
    throw new CommandError(`Cannot read graph file ${file}.`)
  })
  const loaded = loadDocument(text, registry)
  if (!loaded.ok || hasErrors(loaded.diagnostics)) throw new CommandError(`${file} is not a valid graph:\n${formatDiagnostics(loaded.diagnostics)}`)
  if (nodeId !== undefined && !loaded.doc.nodes.some((n) => n.id === nodeId)) throw new CommandError(`No node with id "${nodeId}" in ${file}.`)
  return { path, doc: loaded.doc }
}
