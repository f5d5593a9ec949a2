/** A problem found in a graph document, with where it is and a plain sentence. */
export interface Diagnostic {
  code: DiagnosticCode
  /** JSON path into the document, e.g. `nodes[3].params.learningRate`. */
  path: string
  message: string
  severity: 'error' | 'warning' | 'info'
  nodeId?: string
  edgeId?: string
}

/** Every coded message in one place, so texts stay consistent across CLI, editor and tests. */
export const messages = {
  'invalid-json': (detail: string) => `The file is not valid JSON: ${detail}.`,
  'wrong-format': (got: unknown) =>
    `This is not a pipeline graph (format is ${JSON.stringify(got)}, expected "mlcanvas/graph").`,
  'newer-version': (v: number, current: number) =>
    `This graph was saved by a newer version (document version ${v}, this app reads up to ${current}).`,
  'schema': (detail: string) => detail,
  'too-large': (detail: string) => detail,
  'duplicate-node-id': (id: string) => `Two nodes have the id "${id}"; ids must be unique.`,
  'duplicate-edge-id': (id: string) => `Two edges have the id "${id}"; ids must be unique.`,
  'unknown-node-type': (type: string) => `Unknown node type "${type}".`,
  'dangling-edge': (end: 'from' | 'to', node: string) =>
    `This connection's ${end === 'from' ? 'source' : 'target'} node "${node}" does not exist.`,
  'unknown-port': (node: string, type: string, port: string, dir: 'input' | 'output', known: string[]) =>
    `Node "${node}" (${type}) has no ${dir} port "${port}"; its ${dir}s are: ${known.join(', ') || 'none'}.`,
  'incompatible-ports': (fromType: string, toTypes: string) =>
    `Cannot connect a ${fromType} output to an input that takes ${toTypes}.`,
  'input-taken': (node: string, port: string) =>
    `Input "${port}" of node "${node}" already has a connection; an input takes one wire.`,
  'missing-input': (node: string, port: string) => `Node "${node}" needs its input "${port}" connected.`,
  'invalid-param': (detail: string) => detail,
  'node-check': (detail: string) => detail,
  'node-migrated': (node: string, type: string, from: number, to: number) =>
    `Node "${node}" (${type}) was saved with version ${from}; its params were updated to version ${to}.`,
  'node-newer': (node: string, type: string, saved: number, current: number) =>
    `Node "${node}" (${type}) was saved by a newer version of its type (${saved}; this app has ${current}).`,
  'migration-failed': (node: string, type: string, from: number, detail: string) =>
    `Node "${node}" (${type}) could not be updated from version ${from}: ${detail}`,
  'group-body': (node: string, type: string) =>
    type === 'group' ? `Group "${node}" has no inner graph.` : `Node "${node}" (${type}) is not a group but holds an inner graph.`,
  'group-port': (group: string, name: string, node: string) =>
    `Port "${name}" of group "${group}" stands for node "${node}", which is not inside the group.`,
  'group-port-twice': (group: string, name: string) => `Group "${group}" has two outputs named "${name}"; output names must differ.`,
  'group-too-deep': (group: string, max: number) =>
    `Group "${group}" is nested more than ${max} groups deep; groups may nest at most ${max} levels.`,
  'cycle': (ids: string[]) => `The graph has a cycle: ${[...ids, ids[0]].join(' → ')}. Pipelines must flow one way.`,
} as const

export type DiagnosticCode = keyof typeof messages

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error')
}

/** One line per diagnostic, as the CLI prints them. */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${d.severity}: ${d.path ? d.path + ': ' : ''}${d.message}`).join('\n')
}
