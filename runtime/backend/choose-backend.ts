/** The TensorFlow.js backends this app can use, fastest first on real hardware. */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const
export type BackendName = (typeof BACKENDS)[number]

export interface AdapterProbe {
  available: boolean
  /** A software rasterizer (SwiftShader, llvmpipe): slower than wasm, so never picked automatically. */
  software: boolean
  description: string
}

export interface BackendProbe {
  webgpu?: AdapterProbe
  webgl?: AdapterProbe
  wasm: boolean
}

const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render|microsoft basic|lavapipe/i

/** True when an adapter or renderer description names a software implementation. */
export function isSoftwareAdapter(description: string, fallbackFlag = false): boolean {
  return fallbackFlag || SOFTWARE.test(description)
}

export function isBackendName(name: string): name is BackendName {
  return (BACKENDS as readonly string[]).includes(name)
}

/**
 * Picks a backend: a GPU backend only on a real hardware adapter (webgpu, then webgl),
 * else wasm, cpu last. `forced` wins when it is available. Returns the order to try.
 */
export function backendOrder(probe: BackendProbe, forced?: BackendName): BackendName[] {
  const order: BackendName[] = []
  if (forced) order.push(forced)
  if (probe.webgpu?.available && !probe.webgpu.software) order.push('webgpu')
  if (probe.webgl?.available && !probe.webgl.software) order.push('webgl')
  if (probe.wasm) order.push('wasm')
  order.push('cpu')
  return [...new Set(order)]
}
