/** JSON with object keys sorted at every level (undefined members dropped), so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  // Concatenation rather than map/join: keys of a 10 000-node graph write 10 000 of these.
  if (Array.isArray(value)) {
    let out = '['
    for (let i = 0; i < value.length; i++) out += `${i ? ',' : ''}${i in value ? canonicalJson(value[i]) : ''}`
    return `${out}]`
  }
  const obj = value as Record<string, unknown>
  const names = Object.keys(obj)
  if (names.length > 1) names.sort()
  let out = '{'
  for (let i = 0; i < names.length; i++) {
    const v = obj[names[i]]
    if (v !== undefined) out += `${out.length > 1 ? ',' : ''}${JSON.stringify(names[i])}:${canonicalJson(v)}`
  }
  return `${out}}`
}
