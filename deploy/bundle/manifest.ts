import { z } from 'zod'

/** The bundle's own description, `bundle.json`. Checked on every load. */
export const BUNDLE_FORMAT = 'mlcanvas/model-bundle'
export const BUNDLE_VERSION = 1

/**
 * The schemas, made on first use: only a process that reads a bundle needs them, and the CLI's start-up
 * snapshot (runtime/cli/snapshot.mjs) would otherwise hold and restore their ≈ 100 zod instances at every start.
 */
function makeSchemas() {
  const name = z.string().min(1).max(200)

  const inputColumn = z.object({
    name,
    type: z.enum(['numeric', 'categorical']),
    /** Categorical columns: the training categories (others score as unknown). */
    categories: z.array(z.string()).max(100_000).optional(),
    /** False for columns a row may leave out (the target, id columns). */
    required: z.boolean(),
  })

  const numericReference = z.object({
    name,
    type: z.literal('numeric'),
    /** Decile edges of the training values, their shares, and up to 2000 evenly spaced order statistics (for KS). */
    edges: z.array(z.number()),
    shares: z.array(z.number()),
    sample: z.array(z.number()).max(2000),
  })
  const categoricalReference = z.object({
    name,
    type: z.literal('categorical'),
    categories: z.array(z.string()),
    shares: z.array(z.number()),
  })
  const reference = z.discriminatedUnion('type', [numericReference, categoricalReference])

  /** tfjs LayersModel artifacts of a neural or linear model: loadable by plain `tf.loadLayersModel`. */
  const tfjsExport = z.object({
    path: z.literal('model.json'),
    /** Probabilities when the model ends in sigmoid/softmax (classifiers), else raw values or decision scores. */
    outputs: z.enum(['probabilities', 'values', 'scores']),
  })

  const manifest = z.object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.literal(BUNDLE_VERSION),
    name,
    createdBy: z.string().max(200),
    model: z.object({
      family: name,
      task: z.enum(['classification', 'regression', 'clustering', 'embedding']),
      features: z.array(name).min(1).max(100_000),
      target: name.optional(),
      classes: z.array(z.string()).min(2).max(100_000).optional(),
    }),
    /** The raw columns a row to score has, before any preprocessing. */
    input: z.object({ columns: z.array(inputColumn).min(1).max(100_000) }),
    /** The fitted preprocessing steps, oldest first, in `lineage.json`. */
    lineage: z.object({ path: z.literal('lineage.json'), steps: z.array(name).max(10_000) }),
    /** The family's fitted state as JSON (weights of neural models live in the tfjs files instead). */
    state: z.object({ path: z.literal('model-state.json') }),
    tfjs: tfjsExport.optional(),
    /** Training distributions of the raw input columns and of the predictions, for drift checks. */
    reference: z
      .object({ rows: z.number().int().nonnegative(), columns: z.array(reference), predictions: reference.optional() })
      .optional(),
    /** Every other file of the bundle with its SHA-256, checked on load. */
    files: z.array(z.object({ path: z.string().regex(/^[a-z0-9.-]+$/), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int() })),
  })
  return { manifest, inputColumn, reference }
}

let schemas: ReturnType<typeof makeSchemas> | undefined

/** The schema of bundle.json. */
export const bundleManifestSchema = () => (schemas ??= makeSchemas()).manifest

export type BundleManifest = z.infer<ReturnType<typeof makeSchemas>['manifest']>
export type InputColumn = z.infer<ReturnType<typeof makeSchemas>['inputColumn']>
export type ReferenceDistribution = z.infer<ReturnType<typeof makeSchemas>['reference']>
