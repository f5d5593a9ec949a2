import type { TestProject } from 'vitest/node'
import { startApp } from './server'

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string
  }
}

/** Builds and serves the app once for every browser test file. */
export default async function setup(project: TestProject) {
  const app = await startApp()
  project.provide('appUrl', app.url)
  return () => app.stop()
}
