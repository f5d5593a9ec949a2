import type { Diagnostic } from '../../runtime/validate/diagnostics'
import type { NodeDescriptor } from '../../runtime/worker/engine-api'
import { paramSchemas } from './flow-types'
import { paramProblem } from './param-check'

/** A diagnostic as the editor shows it; a bad param's names the param, so the inspector can offer a fix. */
export type NodeProblem = Diagnostic & { param?: string }

const shown = (v: unknown) => {
  const text = JSON.stringify(v) ?? String(v)
  return text.length > 60 ? `${text.slice(0, 59)}…` : text
}

/** The param a path like `nodes[2].params.lr` (or `…params.layers[0].units`) is about: the longest key it starts with. */
function paramOf(path: string, params: Record<string, unknown>): string | undefined {
  const at = path.indexOf('.params.')
  if (at < 0) return undefined
  const rest = path.slice(at + '.params.'.length)
  const fits = (k: string) => rest === k || rest.startsWith(`${k}.`) || rest.startsWith(`${k}[`)
  return Object.keys(params).filter(fits).sort((a, b) => b.length - a.length)[0]
}

/**
 * Rewrites the validator's text about a bad param (zod's "Too big: expected number to be <=1",
 * "unknown param (known: …)") as a sentence naming the node's setting, what the file holds and
 * what fixes it; other diagnostics pass through.
 */
export function wordParamProblem(d: Diagnostic, desc: NodeDescriptor | undefined, params: Record<string, unknown>): NodeProblem {
  if (d.code !== 'invalid-param' || !desc) return d
  const param = paramOf(d.path, params)
  if (param === undefined) return d
  const schemas = paramSchemas(desc)
  if (!Object.hasOwn(schemas, param)) {
    return { ...d, param, message: `“${param}” is not a setting of ${desc.title}; remove it so the node can run.` }
  }
  const schema = schemas[param]
  const why = paramProblem(schema, params[param]) ?? `${d.message.replace(/\.$/, '')}.`
  return { ...d, param, message: `${schema.title ?? param}: ${why} The graph file has ${shown(params[param])}.` }
}
