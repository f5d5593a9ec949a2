/** Reading tfjs weights back needs no tfjs: kept apart so the offline page does not bundle tfjs-layers. */

interface WeightSpec {
  name: string
  shape: number[]
  dtype: string
}

/**
 * Reads the float32 weights back from `model.json` + `weights.bin` in manifest order,
 * checking each against the network's expected shapes.
 */
export function weightsFromLayersFiles(modelJson: unknown, bin: Uint8Array, expected: number[][]): Float32Array[] {
  const manifest = (modelJson as { weightsManifest?: { weights?: WeightSpec[] }[] }).weightsManifest
  const specs = manifest?.flatMap((g) => g.weights ?? []) ?? []
  if (specs.length !== expected.length) throw new Error(`model.json lists ${specs.length} weights; the network has ${expected.length}.`)
  const out: Float32Array[] = []
  let offset = 0
  specs.forEach((s, i) => {
    const same = s.shape.length === expected[i].length && s.shape.every((d, k) => d === expected[i][k])
    if (s.dtype !== 'float32' || !same) {
      throw new Error(`Weight ${s.name} is ${s.dtype} [${s.shape}]; the network expects float32 [${expected[i]}].`)
    }
    const size = s.shape.reduce((a, b) => a * b, 1)
    if (offset + size * 4 > bin.byteLength) throw new Error('weights.bin is shorter than model.json says.')
    out.push(new Float32Array(bin.slice(offset, offset + size * 4).buffer))
    offset += size * 4
  })
  if (offset !== bin.byteLength) throw new Error('weights.bin is longer than model.json says.')
  return out
}
