import { messages, type Diagnostic } from '../validate/diagnostics'
import { checkDocumentLimits } from '../validate/limits'
import { formatPath } from '../validate/paths'
import { validateGraph } from '../validate/validate'
import type { Registry } from '../registry'
import { migrate } from './migrations'
import { migrateNodes, stampVersions, type VersionLookup } from './node-migrations'
import { CURRENT_VERSION, documentSchema, GRAPH_FORMAT, type GraphDocument } from './schema'

export type LoadResult =
  | { ok: true; doc: GraphDocument; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] }

const fail = (code: Diagnostic['code'], path: string, message: string): LoadResult => ({
  ok: false,
  diagnostics: [{ code, path, message, severity: 'error' }],
})

/**
 * Reads a graph document from JSON text or a parsed value: format check, forward migrations,
 * schema, then graph validation. `ok` means the document has the right shape (it can be
 * shown and edited); `diagnostics` may still list graph problems such as an unknown node type.
 */
export function loadDocument(input: string | unknown, registry: Registry): LoadResult {
  let raw: unknown = input
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input)
    } catch (e) {
      return fail('invalid-json', '', messages['invalid-json']((e as Error).message))
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail('wrong-format', '', messages['wrong-format'](Array.isArray(raw) ? 'an array' : typeof raw))
  }
  const tooBig = checkDocumentLimits(raw)
  if (tooBig) return fail('too-large', tooBig.path, tooBig.message)
  const obj = raw as Record<string, unknown>
  if (obj.format !== GRAPH_FORMAT) return fail('wrong-format', 'format', messages['wrong-format'](obj.format))
  if (typeof obj.version === 'number' && obj.version > CURRENT_VERSION) {
    return fail('newer-version', 'version', messages['newer-version'](obj.version, CURRENT_VERSION))
  }
  const migrated = migrate(obj)
  if (!migrated) return fail('schema', 'version', `No migration from document version ${String(obj.version)}.`)
  const parsed = documentSchema.safeParse(migrated)
  if (!parsed.success) {
    return {
      ok: false,
      diagnostics: parsed.error.issues.map((issue) => {
        const path = formatPath(issue.path)
        return { code: 'schema', path, message: issue.message, severity: 'error' }
      }),
    }
  }
  const { doc, diagnostics } = migrateNodes(parsed.data, registry)
  return { ok: true, doc, diagnostics: [...diagnostics, ...validateGraph(doc, registry)] }
}

/**
 * Serializes a document the way Save writes it (stable key order, 2-space indent). Given the
 * registry, every known node carries its type's current version.
 */
export function saveDocument(doc: GraphDocument, registry?: VersionLookup): string {
  return JSON.stringify(documentSchema.parse(registry ? stampVersions(doc, registry) : doc), null, 2) + '\n'
}
