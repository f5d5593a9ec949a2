import { sha256 } from 'hash-wasm'
import type { FittedStep } from '../../runtime/values/dataset'
import type { TrainedModel } from '../../runtime/values/ml'
import { bundleManifestSchema, type BundleManifest } from './manifest'
import { fromBundleJson } from './json-codec'
import { checkLayersFiles } from './tfjs-weights'
import type { BundleFiles } from './build'

/** A checked bundle: its manifest and the trained model it rebuilds, ready to score. */
export interface LoadedBundle {
  manifest: BundleManifest
  model: TrainedModel
}

/** A bundle that fails its checks; the message names the file and the problem. */
export class BundleError extends Error {}

const decoder = new TextDecoder('utf-8', { fatal: true })

function need(files: BundleFiles, path: string): Uint8Array {
  const bytes = files.get(path)
  if (!bytes) throw new BundleError(`The bundle has no ${path}.`)
  return bytes
}

function parse(files: BundleFiles, path: string, json = fromBundleJson): unknown {
  try {
    return json(decoder.decode(need(files, path)))
  } catch (e) {
    if (e instanceof BundleError) throw e
    throw new BundleError(`${path} is not valid: ${(e as Error).message}`)
  }
}

/** Parses and checks bundle.json: format, version, schema, with the path of the first problem. */
export function readManifest(files: BundleFiles): BundleManifest {
  const raw = parse(files, 'bundle.json')
  const format = (raw as { format?: unknown })?.format
  const version = (raw as { version?: unknown })?.version
  if (format === 'mlcanvas/model-bundle' && typeof version === 'number' && version > 1) {
    throw new BundleError(`This bundle is format version ${version}; this mlcanvas reads version 1. Update mlcanvas.`)
  }
  const checked = bundleManifestSchema().safeParse(raw)
  if (!checked.success) {
    const issue = checked.error.issues[0]
    throw new BundleError(`bundle.json is not a model bundle: ${issue.path.join('.') || '(root)'}: ${issue.message}`)
  }
  return checked.data
}

async function checkFiles(files: BundleFiles, manifest: BundleManifest): Promise<void> {
  for (const f of manifest.files) {
    const bytes = need(files, f.path)
    if (bytes.byteLength !== f.bytes || (await sha256(bytes)) !== f.sha256) {
      throw new BundleError(`${f.path} does not match its checksum in bundle.json: the bundle was changed or damaged.`)
    }
  }
  for (const path of ['lineage.json', manifest.state.path, ...(manifest.tfjs ? [manifest.tfjs.path, 'weights.bin'] : [])]) {
    if (!manifest.files.some((f) => f.path === path)) throw new BundleError(`bundle.json does not list ${path} with its checksum.`)
  }
}

function lineage(files: BundleFiles, manifest: BundleManifest): FittedStep[] {
  const steps = parse(files, 'lineage.json')
  const ok =
    Array.isArray(steps) &&
    steps.length === manifest.lineage.steps.length &&
    steps.every((s, i) => s && typeof s === 'object' && s.type === manifest.lineage.steps[i] && typeof s.state === 'object' && s.state)
  if (!ok) throw new BundleError('lineage.json does not match the steps bundle.json lists.')
  return steps as FittedStep[]
}

function state(files: BundleFiles, manifest: BundleManifest): Record<string, unknown> {
  const s = parse(files, manifest.state.path)
  if (!s || typeof s !== 'object' || Array.isArray(s)) throw new BundleError(`${manifest.state.path} is not an object.`)
  if (manifest.tfjs) {
    try {
      checkLayersFiles(parse(files, manifest.tfjs.path, JSON.parse), need(files, 'weights.bin'))
    } catch (e) {
      throw e instanceof BundleError ? e : new BundleError(`model.json / weights.bin: ${(e as Error).message}`)
    }
  }
  return s as Record<string, unknown>
}

/** Checks a bundle end to end (schema, checksums, lineage, weights) and rebuilds its model. */
export async function readBundle(files: BundleFiles): Promise<LoadedBundle> {
  const manifest = readManifest(files)
  await checkFiles(files, manifest)
  const m = manifest.model
  const model: TrainedModel = {
    kind: 'model',
    family: m.family,
    task: m.task,
    features: m.features,
    ...(m.target !== undefined ? { target: m.target } : {}),
    ...(m.classes ? { classes: m.classes } : {}),
    steps: lineage(files, manifest),
    state: state(files, manifest),
  }
  return { manifest, model }
}
