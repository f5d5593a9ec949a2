/** Abbreviations that read as capitals (or a symbol) in titles and metric names. */
const WORDS = new Map([
  ['roc', 'ROC'],
  ['auc', 'AUC'],
  ['mse', 'MSE'],
  ['rmse', 'RMSE'],
  ['mae', 'MAE'],
  ['r2', 'R²'],
  ['f1', 'F1'],
  ['psi', 'PSI'],
  ['ks', 'KS'],
  ['p', 'p'],
])

/** Section names that say more than their words. */
const SECTIONS = new Map([
  ['confusion', 'Confusion matrix'],
  ['perClass', 'Per class'],
  ['roc', 'ROC curve'],
  ['importance', 'Permutation importance'],
  ['drift', 'Drift per feature'],
])

/** "rocAuc" → "ROC AUC", "explained_variance" → "Explained variance", "f1" → "F1". */
function words(name: string): string {
  const parts = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_]+/)
    .filter(Boolean)
    .map((w) => WORDS.get(w.toLowerCase()) ?? w.toLowerCase())
  const text = parts.join(' ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/**
 * A metric key as a person reads it. Keys are `name` or `name:detail` / `name.detail`, where the
 * detail is a class or column name and is kept as written: "roc:setosa" → "ROC curve — setosa"
 * (as a section), "psi.age" → "PSI — age".
 */
export function readableName(key: string, kind: 'metric' | 'section' = 'metric'): string {
  const at = key.search(/[:.]/)
  const head = at < 0 ? key : key.slice(0, at)
  const detail = at < 0 ? '' : key.slice(at + 1)
  const title = (kind === 'section' ? SECTIONS.get(head) : undefined) ?? words(head)
  return detail ? `${title} — ${detail}` : title
}
