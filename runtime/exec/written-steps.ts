import type { NodeDefinition, Values } from '../node-api/define-node'
import { isDataset, isSplits, type Dataset } from '../values/dataset'
import { INJECT_TYPE } from './subgraph-run'

/**
 * A node wrote a fitted step into a table's lineage without declaring how to replay it: a
 * model trained on that table could not score raw rows. Named so tests and hosts can tell it apart.
 */
export class UndeclaredStepError extends Error {
  override name = 'UndeclaredStepError'
  constructor(
    readonly nodeType: string,
    readonly step: string,
  ) {
    super(
      `Node type "${nodeType}" wrote the fitted step "${step}" without declaring its replay: ` +
        `add replays: [fittedStep('${nodeType}', apply)] (ml/table/steps.ts) to the node, named by its own type.`,
    )
  }
}

const tables = (v: unknown): Dataset[] => (isDataset(v) ? [v] : isSplits(v) ? [v.train, v.validation, v.test].filter((d) => d !== undefined) : [])

/**
 * Throws UndeclaredStepError when an output table's lineage holds a step its inputs did not
 * carry and the node does not replay. The stand-in of a nested run passes on a value another
 * node made (and was checked for), so it is left out.
 */
export function checkWrittenSteps(def: Pick<NodeDefinition, 'type' | 'replays'>, inputs: Values, outputs: Values): void {
  if (def.type === INJECT_TYPE) return
  const known = new Set<string>((def.replays ?? []).map((r) => r.step))
  for (const v of Object.values(inputs)) for (const d of tables(v)) for (const s of d.steps) known.add(s.type)
  for (const v of Object.values(outputs)) {
    for (const d of tables(v)) {
      const written = d.steps.find((s) => !known.has(s.type))
      if (written) throw new UndeclaredStepError(def.type, written.type)
    }
  }
}
