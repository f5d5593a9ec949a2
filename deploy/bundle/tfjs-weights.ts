/** Checking tfjs weights needs no tfjs: kept apart so the offline page does not bundle tfjs-layers. */

interface WeightSpec {
  name: string
  shape: number[]
  dtype: string
}

/** Checks that `weights.bin` holds exactly the float32 weights `model.json`'s manifest lists. */
export function checkLayersFiles(modelJson: unknown, bin: Uint8Array): void {
  const manifest = (modelJson as { weightsManifest?: { weights?: WeightSpec[] }[] })?.weightsManifest
  if (!Array.isArray(manifest)) throw new Error('model.json has no weightsManifest.')
  let bytes = 0
  for (const s of manifest.flatMap((g) => g.weights ?? [])) {
    if (s.dtype !== 'float32' || !Array.isArray(s.shape)) throw new Error(`weight ${String(s.name)} is not a float32 array.`)
    bytes += 4 * s.shape.reduce((a, b) => a * b, 1)
  }
  if (bytes !== bin.byteLength) throw new Error(`weights.bin has ${bin.byteLength} bytes; model.json lists ${bytes}.`)
}
