import { Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { DriftWindow } from './drift-window'

/** Each served model's windows of recent feature values and predictions, for the drift gauges. */
export interface ModelWindows {
  features: DriftWindow
  predictions?: DriftWindow
}

/** The server's Prometheus metrics, on a registry of its own (several servers can live in one process). */
export function serverMetrics(windows: ReadonlyMap<string, ModelWindows>) {
  const registry = new Registry()
  const requests = new Counter({
    name: 'mlcanvas_requests_total',
    help: 'HTTP requests by route and status code.',
    labelNames: ['model', 'route', 'code'],
    registers: [registry],
  })
  const latency = new Histogram({
    name: 'mlcanvas_request_duration_seconds',
    help: 'Time to answer a request, by route.',
    labelNames: ['model', 'route'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  })
  const rows = new Counter({ name: 'mlcanvas_rows_scored_total', help: 'Rows scored.', labelNames: ['model'], registers: [registry] })
  const predictions = new Counter({
    name: 'mlcanvas_predictions_total',
    help: 'Predicted class of every scored row (classifiers).',
    labelNames: ['model', 'class'],
    registers: [registry],
  })
  const values = new Histogram({
    name: 'mlcanvas_prediction_value',
    help: 'Predicted values (regression, cluster ids).',
    labelNames: ['model'],
    buckets: [-100, -10, -1, 0, 1, 10, 100, 1000, 10000],
    registers: [registry],
  })
  driftGauges(registry, windows)
  return { registry, requests, latency, rows, predictions, values }
}

export type ServerMetrics = ReturnType<typeof serverMetrics>

/** Gauges read when Prometheus scrapes: each feature's PSI and KS statistic, and the predictions' PSI, per model. */
function driftGauges(registry: Registry, windows: ReadonlyMap<string, ModelWindows>): void {
  const drift = (name: string, help: string, pick: 'psi' | 'ks') =>
    new Gauge({
      name,
      help,
      labelNames: ['model', 'feature'],
      registers: [registry],
      collect() {
        this.reset()
        for (const [model, w] of windows) {
          for (const d of w.features.drift()) if (d.seen > 0 && !Number.isNaN(d[pick])) this.set({ model, feature: d.name }, d[pick])
        }
      },
    })
  drift('mlcanvas_feature_psi', 'PSI of the feature values seen (last 5000 per feature) against the training reference.', 'psi')
  drift('mlcanvas_feature_ks', 'Kolmogorov–Smirnov statistic of the numeric feature values seen against the training sample.', 'ks')
  new Gauge({
    name: 'mlcanvas_prediction_psi',
    help: 'PSI of the predictions made (last 5000) against the predictions on the training rows.',
    labelNames: ['model'],
    registers: [registry],
    collect() {
      this.reset()
      for (const [model, w] of windows) {
        const d = w.predictions?.drift()[0]
        if (d && d.seen > 0) this.set({ model }, d.psi)
      }
    },
  })
}

