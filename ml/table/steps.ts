import type { Dataset, FittedStep, StepReplay } from '../../runtime/values/dataset'

/**
 * One kind of fitted step: its lineage id and its apply function, declared once by the module
 * that fits it. `record` writes the lineage entry; `replay` applies a saved one to new rows.
 */
export interface FittedStepKind<S> extends StepReplay {
  apply(state: S, d: Dataset): Dataset
  record(state: S): FittedStep
}

export function fittedStep<S extends object>(step: string, apply: (state: S, d: Dataset) => Dataset): FittedStepKind<S> {
  return {
    step,
    apply,
    record: (state) => ({ type: step, state: state as unknown as Record<string, unknown> }),
    // A saved state has the shape `record` stored (the value codec keeps typed arrays).
    replay: (state, d) => apply(state as unknown as S, d),
  }
}
