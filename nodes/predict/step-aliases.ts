/**
 * Fitted-step ids written before each step was named by the type id of the node that writes it,
 * mapped to that node type. Lineages saved with them (cache entries, exported bundles) replay
 * through this table, so they score exactly as before. Never remove or change an entry.
 * Every loader wrote 'schema'; all loaders' schema steps replay alike, so it maps to the CSV loader's.
 */
export const STEP_ALIASES: ReadonlyMap<string, string> = new Map([
  ['schema', 'data.csv'],
  ['rename', 'clean.rename-columns'],
  ['cast', 'clean.cast-columns'],
  ['select', 'clean.select-columns'],
  ['roles', 'clean.set-target'],
  ['text', 'clean.normalize-text'],
  ['impute', 'clean.impute'],
  ['clip', 'clean.outliers'],
  ['ordinal', 'transform.ordinal'],
  ['onehot', 'transform.onehot'],
  ['minmax', 'transform.minmax'],
  ['standardize', 'transform.standardize'],
  ['pca', 'transform.pca'],
])

/** The step id a saved lineage entry means today: its node type id. */
export function currentStepId(type: string): string {
  return STEP_ALIASES.get(type) ?? type
}
