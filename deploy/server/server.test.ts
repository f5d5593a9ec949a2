import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupNodeBackend } from '../../runtime/backend/setup-node'
import { loadScorer, type Scorer } from '../scorer/scorer'
import { runCustomers } from '../testing/customers'
import { buildServer } from './app'

let scorer: Scorer
let app: ReturnType<typeof buildServer>
const row = { customer_id: 'X1', age: 40, city: 'Boston', income: 50000, plan: 'Basic', visits: 3 }

beforeAll(async () => {
  await setupNodeBackend('cpu')
  const run = await runCustomers(['model.decision-tree', { maxDepth: 3 }])
  scorer = await loadScorer(run.files)
  app = buildServer(new Map([['churn', scorer], ['churn2', scorer]]))
})
afterAll(async () => {
  await app.close()
})

const predict = (payload: unknown, name = 'churn') =>
  app.inject({ method: 'POST', url: `/v1/models/${name}:predict`, payload: payload as object })
const raw = (body: string) =>
  app.inject({ method: 'POST', url: '/v1/models/churn:predict', headers: { 'content-type': 'application/json' }, body })

describe('model server', () => {
  it('answers TensorFlow Serving predict requests with the scorer\'s predictions', async () => {
    const rows = [row, { ...row, age: 70, plan: 'premium', visits: null }]
    const res = await predict({ instances: rows })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ predictions: scorer.scoreInstances(rows).predictions })
    expect(res.json().predictions[0]).toEqual({ label: expect.any(String), probabilities: { no: expect.any(Number), yes: expect.any(Number) } })
    expect((await predict({ instances: [row] }, 'churn2')).statusCode).toBe(200)
  })

  it('lists its models and their input columns, and reports health', async () => {
    const models = (await app.inject({ url: '/v1/models' })).json().models
    expect(models.map((m: { name: string }) => m.name)).toEqual(['churn', 'churn2'])
    expect(models[0].inputs.find((c: { name: string }) => c.name === 'age')).toEqual({ name: 'age', type: 'numeric', required: true })
    expect((await app.inject({ url: '/health' })).json()).toEqual({ status: 'ok', models: ['churn', 'churn2'] })
    expect((await app.inject({ url: '/v1/models/churn' })).json().model_version_status[0].state).toBe('AVAILABLE')
  })

  it('refuses bad requests with a 400 naming the field, and keeps serving', async () => {
    const cases: [unknown, number, string][] = [
      [{ instances: [{ ...row, age: 'forty' }] }, 400, 'instances[0].age: expected a number, got "forty"'],
      [{ instances: [row, { ...row, income: true }] }, 400, 'instances[1].income: expected a number or a string, got boolean'],
      [{ instances: [{ ...row, city: undefined }] }, 400, 'instances[0].city: missing field'],
      [{ rows: [row] }, 400, 'instances: missing field'],
      [{ instances: 'x' }, 400, 'instances: expected an array of rows.'],
      [{ instances: [] }, 400, 'instances: expected at least one row.'],
      [{ instances: [[1, 2]] }, 400, 'instances[0]: expected an object of column values'],
      [[row], 400, 'The body must be a JSON object'],
    ]
    for (const [body, code, message] of cases) {
      const res = await predict(body)
      expect(res.statusCode, JSON.stringify(body)).toBe(code)
      expect(res.json().error).toContain(message)
    }
    const malformed = await raw('{"instances": [')
    expect(malformed.statusCode).toBe(400)
    expect(malformed.json().error).toMatch(/JSON/)
    const body = JSON.stringify({ instances: Array.from({ length: 130_000 }, () => row) })
    expect(body.length).toBeGreaterThan(10 * 2 ** 20)
    const big = await raw(body)
    expect(big.json().error).toBe('The request body is larger than 4194304 bytes.')
    expect(big.statusCode).toBe(413)
    expect((await predict({ instances: [row] }, 'nope')).statusCode).toBe(404)
    expect((await predict({ instances: [row] })).statusCode).toBe(200)
  })

  it('exposes request counts, latencies, predictions and drift in Prometheus text', async () => {
    await predict({ instances: Array.from({ length: 50 }, (_, i) => ({ ...row, age: 90 + i })) })
    const text = (await app.inject({ url: '/metrics' })).body
    expect(text).toMatch(/mlcanvas_requests_total\{model="churn",route="predict",code="400"\} \d+/)
    expect(text).toMatch(/mlcanvas_request_duration_seconds_bucket\{le="0\.005",model="churn",route="predict"\} \d+/)
    expect(text).toMatch(/mlcanvas_predictions_total\{model="churn",class="(yes|no)"\} \d+/)
    const psi = (feature: string) => Number(text.match(new RegExp(`mlcanvas_feature_psi\\{model="churn",feature="${feature}"\\} (\\S+)`))![1])
    expect(psi('age')).toBeGreaterThan(1)
    expect(psi('plan')).toBeGreaterThanOrEqual(0)
    expect(text).toMatch(/mlcanvas_prediction_psi\{model="churn"\} \d/)
  })

  it('closes gracefully: in-flight requests finish, then the port is released', async () => {
    const server = buildServer(new Map([['churn', scorer]]))
    const address = await server.listen({ port: 0, host: '127.0.0.1' })
    const inflight = fetch(`${address}/v1/models/churn:predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instances: [row] }),
    })
    const res = await inflight
    await server.close()
    expect(res.status).toBe(200)
    await expect(fetch(`${address}/health`)).rejects.toThrow()
  })
})
