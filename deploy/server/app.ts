import Fastify, { type FastifyInstance } from 'fastify'
import type { Scorer } from '../scorer/scorer'
import { RowError } from '../scorer/raw-table'
import type { RowPrediction } from '../scorer/score'
import { DriftWindow } from './drift-window'
import { serverMetrics, type ModelWindows, type ServerMetrics } from './metrics'

export interface ServeOptions {
  /** Largest request body in bytes (413 beyond). */
  bodyLimit?: number
  /** Most rows in one request (400 beyond). */
  maxRows?: number
  logger?: boolean
}

/** A request that TensorFlow Serving would answer with 400: `{"error": "..."}`. */
class BadRequest extends Error {}

function describeModel(name: string, s: Scorer) {
  const m = s.bundle.manifest
  return {
    name,
    version: m.version,
    family: m.model.family,
    task: m.model.task,
    ...(m.model.classes ? { classes: m.model.classes } : {}),
    inputs: m.input.columns.map((c) => ({ name: c.name, type: c.type, required: c.required, ...(c.categories ? { categories: c.categories } : {}) })),
  }
}

function record(metrics: ServerMetrics, name: string, out: RowPrediction[], w: ModelWindows) {
  metrics.rows.inc({ model: name }, out.length)
  const labels: string[][] = []
  for (const p of out) {
    if (typeof p === 'number') metrics.values.observe({ model: name }, p)
    else metrics.predictions.inc({ model: name, class: p.label })
    labels.push([typeof p === 'number' ? String(p) : p.label])
  }
  w.predictions?.record(['prediction'], labels)
}

/** Each model's windows of recent feature values (and predictions, when the bundle has their reference) for drift. */
function driftWindows(models: ReadonlyMap<string, Scorer>): Map<string, ModelWindows> {
  const windows = new Map<string, ModelWindows>()
  for (const [name, s] of models) {
    const ref = s.bundle.manifest.reference
    windows.set(name, {
      features: new DriftWindow(ref?.columns ?? []),
      ...(ref?.predictions ? { predictions: new DriftWindow([{ ...ref.predictions, name: 'prediction' }]) } : {}),
    })
  }
  return windows
}

/** The rows of a predict request's body `{"instances": [...]}`; a 400 naming what is wrong otherwise. */
function requireInstances(b: unknown, maxRows: number): unknown[] {
  const body = b as { instances?: unknown } | undefined
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new BadRequest('The body must be a JSON object: {"instances": [{...}, ...]}.')
  if (!Object.hasOwn(body, 'instances')) throw new BadRequest('instances: missing field (the body is {"instances": [{...}, ...]}).')
  if (!Array.isArray(body.instances)) throw new BadRequest('instances: expected an array of rows.')
  if (body.instances.length === 0) throw new BadRequest('instances: expected at least one row.')
  if (body.instances.length > maxRows) throw new BadRequest(`instances: ${body.instances.length} rows; the limit is ${maxRows} per request.`)
  return body.instances
}

/**
 * The model server: TensorFlow Serving's REST predict API over several bundles, `/health`,
 * `/v1/models` and Prometheus `/metrics`. Bad requests get a 400 naming the field.
 */
export function buildServer(models: ReadonlyMap<string, Scorer>, opts: ServeOptions = {}): FastifyInstance {
  const app = Fastify({ bodyLimit: opts.bodyLimit ?? 4 * 2 ** 20, logger: opts.logger ?? false })
  const maxRows = opts.maxRows ?? 10_000
  const windows = driftWindows(models)
  const metrics = serverMetrics(windows)

  app.addHook('onResponse', async (req, reply) => {
    const params = (req.params ?? {}) as { name?: string; call?: string }
    const model = params.name ?? params.call?.replace(/:predict$/, '') ?? ''
    const known = models.has(model) ? model : ''
    const route = params.call !== undefined ? 'predict' : (req.routeOptions.url ?? 'unknown')
    metrics.requests.inc({ model: known, route, code: String(reply.statusCode) })
    metrics.latency.observe({ model: known, route }, reply.elapsedTime / 1000)
  })

  app.setErrorHandler((err: Error & { statusCode?: number }, _req, reply) => {
    const code = err instanceof BadRequest || err instanceof RowError ? 400 : (err.statusCode ?? 500)
    const message = code === 413 ? `The request body is larger than ${app.initialConfig.bodyLimit} bytes.` : err.message
    reply.code(code).send({ error: code >= 500 ? `Internal error: ${message}` : message })
  })
  app.setNotFoundHandler((req, reply) => void reply.code(404).send({ error: `No route ${req.method} ${req.url}.` }))

  app.get('/health', async () => ({ status: 'ok', models: [...models.keys()] }))
  app.get('/v1/models', async () => ({ models: [...models].map(([name, s]) => describeModel(name, s)) }))
  app.get<{ Params: { name: string } }>('/v1/models/:name', async (req, reply) => {
    const s = models.get(req.params.name)
    if (!s) return reply.code(404).send({ error: `No model named "${req.params.name}".` })
    return { model_version_status: [{ version: String(s.bundle.manifest.version), state: 'AVAILABLE', status: { error_code: 'OK', error_message: '' } }], ...describeModel(req.params.name, s) }
  })
  // One segment "{name}:predict" (find-my-way has no literal colon after a parameter).
  app.post<{ Params: { call: string } }>('/v1/models/:call', async (req, reply) => {
    const at = req.params.call.lastIndexOf(':')
    const [name, verb] = at < 0 ? [req.params.call, ''] : [req.params.call.slice(0, at), req.params.call.slice(at + 1)]
    if (verb !== 'predict') return reply.code(404).send({ error: `POST /v1/models/${name}:predict is the one POST route; got "${verb || '(none)'}".` })
    const s = models.get(name)
    if (!s) return reply.code(404).send({ error: `No model named "${name}". Models: ${[...models.keys()].join(', ')}.` })
    const { predictions, header, rows } = s.scoreInstances(requireInstances(req.body, maxRows))
    const w = windows.get(name)!
    w.features.record(header, rows)
    record(metrics, name, predictions, w)
    return { predictions }
  })
  app.get('/metrics', async (_req, reply) => {
    reply.header('content-type', metrics.registry.contentType)
    return metrics.registry.metrics()
  })
  return app
}
