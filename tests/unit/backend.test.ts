import { describe, expect, it } from 'vitest'
import { backendOrder, isSoftwareAdapter } from '../../runtime/backend/choose-backend'

const hw = { available: true, software: false, description: 'NVIDIA' }
const sw = { available: true, software: true, description: 'SwiftShader' }

describe('backendOrder', () => {
  it('prefers real GPU adapters, webgpu first', () => {
    expect(backendOrder({ webgpu: hw, webgl: hw, wasm: true })).toEqual(['webgpu', 'webgl', 'wasm', 'cpu'])
  })

  it('skips software adapters: wasm wins on a machine without a GPU', () => {
    expect(backendOrder({ webgpu: sw, webgl: sw, wasm: true })).toEqual(['wasm', 'cpu'])
  })

  it('tries a forced backend first', () => {
    expect(backendOrder({ webgl: sw, wasm: true }, 'webgl')).toEqual(['webgl', 'wasm', 'cpu'])
    expect(backendOrder({ wasm: false }, 'cpu')).toEqual(['cpu'])
  })
})

describe('isSoftwareAdapter', () => {
  it('recognises SwiftShader, llvmpipe and fallback adapters', () => {
    expect(isSoftwareAdapter('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)')).toBe(true)
    expect(isSoftwareAdapter('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true)
    expect(isSoftwareAdapter('google swiftshader')).toBe(true)
    expect(isSoftwareAdapter('nvidia hopper', true)).toBe(true)
    expect(isSoftwareAdapter('ANGLE (NVIDIA, NVIDIA H100 80GB HBM3 Direct3D11)')).toBe(false)
  })
})
