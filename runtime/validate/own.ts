/**
 * `record[key]` for a key that comes from a document (a port or param name), counting only the
 * record's own members: `constructor`, `toString` or `__proto__` must not find Object.prototype's.
 */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined
}
