/** JSON records → header and column texts, so JSON data goes through the same inference as CSV. */

/** Finds the array of records in parsed JSON: the value itself or the first array-of-objects property. */
function recordsOf(json: unknown): Record<string, unknown>[] {
  const isRecords = (v: unknown): v is Record<string, unknown>[] =>
    Array.isArray(v) && v.length > 0 && v.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r))
  if (isRecords(json)) return json
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const inner = Object.values(json).find(isRecords)
    if (inner) return inner
  }
  throw new Error('The JSON is not an array of records: expected [{"column": value, ...}, ...] (or an object holding one).')
}

/** Header = every key in first-seen order; cells are text, '' for null or a missing key. */
export function recordsToColumns(json: unknown): { header: string[]; columns: string[][] } {
  const records = recordsOf(json)
  const header: string[] = []
  const seen = new Set<string>()
  for (const r of records) for (const k of Object.keys(r)) if (!seen.has(k)) seen.add(k), header.push(k)
  const columns = header.map((k) =>
    records.map((r, i) => {
      const v = Object.hasOwn(r, k) ? r[k] : undefined
      if (v === null || v === undefined) return ''
      if (typeof v === 'object') throw new Error(`Field "${k}" of record ${i + 1} holds nested data; only flat records (numbers, text) can be loaded.`)
      return String(v)
    }),
  )
  return { header, columns }
}
