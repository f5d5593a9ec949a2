import { sha256 } from 'hash-wasm'
import type { Dataset } from '../../runtime/values/dataset'
import type { TrainedModel } from '../../runtime/values/ml'
import { getFamily } from '../../ml/families'
import type { LayersFiles } from '../../ml/families/layers-export'
import type { SchemaState } from '../../nodes/data/schema-step'
import { isLoaderStep } from '../../nodes/predict/replays'
import { BUNDLE_FORMAT, BUNDLE_VERSION, type BundleManifest, type InputColumn } from './manifest'
import { toBundleJson } from './json-codec'
import { referenceOf } from './reference'

/** A bundle in memory: file name → bytes. `bundle.json` describes and checksums the others. */
export type BundleFiles = Map<string, Uint8Array>

const text = (s: string) => new TextEncoder().encode(s)

/** True when a table holds rows as a loader read them (its lineage is at most the loader's schema step). */
export function isRawTable(d: Dataset): boolean {
  return d.steps.every((s) => isLoaderStep(s))
}

/**
 * The raw columns a row to score must have: the loader's schema when the lineage starts with
 * one, else the raw training table's columns, else the model's own features. The target and
 * id columns may be left out.
 */
export function inputColumns(model: TrainedModel, raw?: Dataset): InputColumn[] {
  const first = model.steps.at(0)
  const schema = first && isLoaderStep(first) ? (first.state as unknown as SchemaState) : undefined
  const optional = (role: string, name: string) => role !== 'feature' || name === model.target
  if (schema) {
    return schema.columns.map((c) => ({
      name: c.name,
      type: c.type,
      ...(c.categories ? { categories: c.categories } : {}),
      required: !optional(c.role, c.name),
    }))
  }
  if (raw) {
    return raw.columns.map((c) => ({
      name: c.name,
      type: c.type,
      ...(c.type === 'categorical' ? { categories: c.categories } : {}),
      required: !optional(c.role, c.name),
    }))
  }
  return model.features.map((name) => ({ name, type: 'numeric' as const, required: true }))
}

export interface BuildOptions {
  name: string
  /** Raw training rows (a loader's output or a split of it): their distributions become the drift reference. */
  raw?: Dataset
  createdBy?: string
}

/** Writes a trained model, its lineage and (optionally) its training reference as bundle files. */
export async function buildBundle(model: TrainedModel, opts: BuildOptions): Promise<BundleFiles> {
  const files: BundleFiles = new Map()
  const columns = inputColumns(model, opts.raw)
  files.set('lineage.json', text(toBundleJson(model.steps)))
  // TrainedModel.state is already the family's serialized form; the scorer deserializes (and checks) it.
  files.set('model-state.json', text(toBundleJson(model.state)))
  const family = getFamily(model.family)
  let tfjs: BundleManifest['tfjs']
  if (family.exportTfjs) {
    const layers = (await family.exportTfjs(family.deserialize(model.state))) as LayersFiles
    files.set('model.json', text(JSON.stringify(layers.modelJson)))
    files.set('weights.bin', layers.weights)
    tfjs = { path: 'model.json', outputs: layers.outputs }
  }
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    name: opts.name,
    createdBy: opts.createdBy ?? 'mlcanvas',
    model: {
      family: model.family,
      task: model.task,
      features: model.features,
      ...(model.target !== undefined ? { target: model.target } : {}),
      ...(model.classes ? { classes: model.classes } : {}),
    },
    input: { columns },
    lineage: { path: 'lineage.json', steps: model.steps.map((s) => s.type) },
    state: { path: 'model-state.json' },
    ...(tfjs ? { tfjs } : {}),
    ...(opts.raw ? { reference: referenceOf(model, opts.raw, columns.map((c) => c.name)) } : {}),
    files: await Promise.all([...files].map(async ([path, bytes]) => ({ path, sha256: await sha256(bytes), bytes: bytes.byteLength }))),
  }
  files.set('bundle.json', text(toBundleJson(manifest, 2)))
  return files
}
