import type { Dataset, FittedStep } from '../../runtime/values/dataset'
import { applyCast } from '../clean/cast-columns'
import { applyImpute } from '../clean/impute'
import { applyText } from '../clean/normalize-text'
import { applyClip } from '../clean/outliers'
import { applyRename } from '../clean/rename-columns'
import { applySelect } from '../clean/select-columns'
import { applyRoles } from '../clean/set-roles'
import { applySchema } from '../data/schema-step'
import { applyMinMax } from './minmax'
import { applyOneHot } from './onehot'
import { applyOrdinal } from './ordinal'
import { applyPca } from './pca'
import { applyStandardize } from './standardize'

/** How to replay each kind of fitted step. Row filters (drop rows, split) fit nothing and are not steps. */
const REPLAY: Record<string, (state: any, d: Dataset) => Dataset> = {
  schema: applySchema,
  impute: applyImpute,
  clip: applyClip,
  text: applyText,
  select: applySelect,
  rename: applyRename,
  roles: applyRoles,
  cast: applyCast,
  standardize: applyStandardize,
  minmax: applyMinMax,
  onehot: applyOneHot,
  ordinal: applyOrdinal,
  pca: applyPca,
}

/**
 * Replays a fitted preprocessing lineage on raw rows with the training table's columns (the
 * target may be absent), so a trained model can score them. The statistics come from the
 * steps, never from `raw`, so scoring one row gives the same numbers as scoring many.
 */
export function applySteps(steps: readonly FittedStep[], raw: Dataset): Dataset {
  let d: Dataset = { ...raw, steps: [] }
  for (const step of steps) {
    const replay = REPLAY[step.type]
    if (!replay) throw new Error(`Unknown preprocessing step "${step.type}"; this pipeline was saved by a newer version.`)
    d = replay(step.state, d)
  }
  return { ...d, steps: [...steps] }
}
