import '@tensorflow/tfjs-backend-cpu'
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm'
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url'
import * as tf from '@tensorflow/tfjs-core'
import { activateBackend } from './activate'
import { backendOrder, isSoftwareAdapter, type AdapterProbe, type BackendName, type BackendProbe } from './choose-backend'

interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean }
  isFallbackAdapter?: boolean
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>
}

async function probeWebGpu(): Promise<AdapterProbe> {
  const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu
  if (!gpu) return { available: false, software: false, description: 'no WebGPU' }
  try {
    const adapter = await gpu.requestAdapter()
    if (!adapter) return { available: false, software: false, description: 'no WebGPU adapter' }
    const i = adapter.info ?? {}
    const description = [i.vendor, i.architecture, i.device, i.description].filter(Boolean).join(' ')
    return { available: true, software: isSoftwareAdapter(description, i.isFallbackAdapter ?? adapter.isFallbackAdapter), description }
  } catch (e) {
    return { available: false, software: false, description: (e as Error).message }
  }
}

function probeWebGl(): AdapterProbe {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2')
    if (!gl) return { available: false, software: false, description: 'no WebGL2' }
    const ext = gl.getExtension('WEBGL_debug_renderer_info')
    const description = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER))
    gl.getExtension('WEBGL_lose_context')?.loseContext()
    return { available: true, software: isSoftwareAdapter(description), description }
  } catch (e) {
    return { available: false, software: false, description: (e as Error).message }
  }
}

/** An empty module (magic number + version): compiles wherever WebAssembly may run at all. */
const EMPTY_WASM = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00])

/**
 * Whether this page may compile WebAssembly. A Content-Security-Policy without
 * 'wasm-unsafe-eval' refuses it, and tfjs's wasm backend then never becomes ready (it does not
 * reject), so this is asked before the wasm backend is tried.
 */
export async function wasmAllowed(): Promise<{ ok: boolean; reason?: string }> {
  if (typeof WebAssembly !== 'object') return { ok: false, reason: 'this browser has no WebAssembly' }
  try {
    await WebAssembly.compile(EMPTY_WASM)
    return { ok: true }
  } catch (e) {
    const message = (e as Error).message
    if (/Content Security/i.test(message)) {
      return { ok: false, reason: "this page's Content-Security-Policy blocks WebAssembly (it needs 'wasm-unsafe-eval')" }
    }
    return { ok: false, reason: `WebAssembly could not start (${message})` }
  }
}

/** What this browser offers; software adapters are reported so they can be skipped. */
export async function probeBrowser(): Promise<BackendProbe & { wasmBlocked?: string }> {
  const wasm = await wasmAllowed()
  return { webgpu: await probeWebGpu(), webgl: probeWebGl(), wasm: wasm.ok, wasmBlocked: wasm.reason }
}

/**
 * Starts the fastest real backend (see DESIGN.md): GPU backends are loaded only when a
 * hardware adapter exists or one is forced. Threaded wasm stays off (PITFALLS.md).
 */
export async function setupBrowserBackend(forced?: BackendName) {
  const probe = await probeBrowser()
  const order = backendOrder(probe, forced)
  if (order.includes('webgpu')) await import('@tensorflow/tfjs-backend-webgpu')
  if (order.includes('webgl')) await import('@tensorflow/tfjs-backend-webgl')
  if (order.includes('wasm')) {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false)
    await import('@tensorflow/tfjs-backend-wasm')
    setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmPlain,
      'tfjs-backend-wasm-simd.wasm': wasmSimd,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
    })
  }
  const { backend, failed } = await activateBackend(order)
  if (probe.wasmBlocked) failed.push(`wasm: ${probe.wasmBlocked}`)
  const available: BackendName[] = probe.wasm ? ['wasm', 'cpu'] : ['cpu']
  if (probe.webgl?.available) available.unshift('webgl')
  if (probe.webgpu?.available) available.unshift('webgpu')
  return { backend, failed, available, probe }
}
