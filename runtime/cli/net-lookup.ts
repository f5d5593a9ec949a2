import { lookup } from 'node:dns/promises'

/** Every address a name resolves to, so a graph cannot reach a private address through DNS. */
export async function lookupAll(host: string): Promise<string[]> {
  return (await lookup(host, { all: true, verbatim: true })).map((a) => a.address)
}
