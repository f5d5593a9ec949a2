import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

/**
 * The built page's Content-Security-Policy: only this origin's scripts (no inline script, no
 * eval; 'wasm-unsafe-eval' lets TensorFlow.js and SQLite compile their WebAssembly), styles from
 * files (React Flow and uPlot set styles through the CSSOM, which CSP does not restrict), workers
 * from this origin, downloads (`data.url`) from the web. Hosting headers: README, "Hosting".
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' https: http:",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')

/** Puts the policy in the built index.html only: the dev server needs inline scripts for hot reload. */
const contentSecurityPolicy = (): Plugin => ({
  name: 'content-security-policy',
  apply: 'build',
  transformIndexHtml: () => [
    { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
  ],
})

export default defineConfig(({ command }) => ({
  plugins: [react(), contentSecurityPolicy()],
  // A build's id: the editor keeps the node catalogue per build (editor/engine/catalogue-cache.ts).
  define: command === 'build' ? { 'import.meta.env.MLCANVAS_BUILD': JSON.stringify(`${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`) } : {},
  // Module workers: the default iife format fails with code splitting (PITFALLS.md).
  worker: { format: 'es' },
  optimizeDeps: {
    // Pre-bundled up front so the first load does not reload on "optimized dependencies changed".
    include: [
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-layers',
      '@tensorflow/tfjs-backend-cpu',
      '@tensorflow/tfjs-backend-wasm',
      '@tensorflow/tfjs-backend-webgl',
      '@tensorflow/tfjs-backend-webgpu',
      'comlink',
      'dexie',
    ],
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
}))
