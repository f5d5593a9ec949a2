/**
 * WebGPU alone, no tfjs and no app code: whether this browser keeps a device alive after a
 * WebGPU canvas is drawn to, which is how tfjs' synchronous read (`dataSync`) brings WebGPU
 * results back (a 256×256 OffscreenCanvas per alpha mode, copyBufferToTexture, drawImage).
 * Headless Chromium on SwiftShader cannot back such a canvas ("Could not find
 * SharedImageBackingFactory … WebgpuSwapChainTexture" in its log) and destroys the device; the
 * next mappedAtCreation buffer then fails with "createBuffer failed, size (256) is too large for
 * the implementation when mappedAtCreation == true".
 */
export async function webgpuCanvasKeepsDevice(): Promise<{ kept: boolean; detail: string }> {
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu
  const adapter = await gpu?.requestAdapter()
  if (!adapter) return { kept: false, detail: 'no WebGPU adapter' }
  const device = await adapter.requestDevice()
  let lost = ''
  void device.lost.then((info) => (lost = `device lost (${info.reason}): ${info.message}`))
  const canvas = new OffscreenCanvas(256, 256)
  const context = canvas.getContext('webgpu')!
  context.configure({ device, format: 'bgra8unorm', usage: GPUTextureUsage.COPY_DST })
  const source = device.createBuffer({ size: 256 * 256 * 4, usage: GPUBufferUsage.COPY_SRC })
  const encoder = device.createCommandEncoder()
  encoder.copyBufferToTexture({ buffer: source, bytesPerRow: 256 * 4 }, { texture: context.getCurrentTexture() }, { width: 256, height: 256 })
  device.queue.submit([encoder.finish()])
  new OffscreenCanvas(256, 256).getContext('2d')!.drawImage(canvas, 0, 0)
  // The device is destroyed a moment later, from the GPU process.
  await new Promise((done) => setTimeout(done, 300))
  let created = ''
  try {
    device.createBuffer({ size: 256, usage: GPUBufferUsage.STORAGE, mappedAtCreation: true }).unmap()
  } catch (e) {
    created = (e as Error).message
  }
  device.destroy()
  return { kept: !lost && !created, detail: [lost, created].filter(Boolean).join('; ') || 'the device survived' }
}
