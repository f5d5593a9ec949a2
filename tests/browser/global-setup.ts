import type { TestProject } from 'vitest/node'
import { startApp } from './server'

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string
    /** The built app's folder, for tests that serve it with their own headers. */
    appDir: string
  }
}

/** Builds and serves the app once for every browser test file. */
export default async function setup(project: TestProject) {
  const app = await startApp()
  project.provide('appUrl', app.url)
  project.provide('appDir', app.outDir)
  return () => app.stop()
}
