/** One CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
const field = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)

/** A table as CSV text with a header row. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\n') + '\n'
}
