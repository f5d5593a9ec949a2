import type { NodeProblem } from './param-problems'

/** The node's bad params, worded (the runtime's own text for them names a document path such as `nodes[2].params.k`). */
const paramErrors = (problems: readonly NodeProblem[] | undefined) => problems?.filter((p) => p.severity === 'error' && p.param !== undefined) ?? []

/** True when the node failed because of its params: the inspector's Problems list then says why, with a fix. */
export function failedOnParams(problems: readonly NodeProblem[] | undefined): boolean {
  return paramErrors(problems).length > 0
}

/** True when a node failed on the remote queue or could not reach it (a search's error quotes its first failed trial's): running it here may help. */
export function failedRemotely(error: string | undefined): boolean {
  return error?.includes('The remote queue') ?? false
}

/** Why a node failed, as its card says it: its bad params in words, otherwise the run's own error. */
export function failureText(error: string | undefined, problems: readonly NodeProblem[] | undefined): string | undefined {
  const worded = paramErrors(problems)
  return worded.length ? worded.map((p) => p.message).join('\n') : error
}
