import { readFileSync, readdirSync } from 'node:fs'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRegistry } from '../../../nodes'
import { loadDocument, saveDocument } from '../../../runtime/document/load'
import { computeKeys } from '../../../runtime/keys/cache-keys'
import { hasErrors } from '../../../runtime/validate/diagnostics'
import { cli } from '../cli'
import { newRow, pick, record, rng, type Row } from './table'

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

const PROTO = ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype']
/** Number texts JSON allows but JavaScript numbers mangle (1e400 parses to Infinity). */
const HUGE = ['1e400', '-1e400', '1e308', '-1e308', '5e-324', '-0', '9007199254740993', '1e160', '123456789012345678901234567890']
const ODD_TEXT = ['', ' ', '\u0000', '\ud800', '\u202egnp.exe', '<img src=x onerror=alert(1)>', 'x'.repeat(100_000), '../../etc/passwd', '/proc/self/environ']

export const EXAMPLES: Json[] = readdirSync('examples')
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join('examples', f), 'utf8')) as Json)

/** Every object/array inside `root`, with the key or index that holds it. */
function containers(root: Json): { parent: Json[] | { [k: string]: Json }; key: string | number }[] {
  const out: { parent: Json[] | { [k: string]: Json }; key: string | number }[] = []
  const stack: Json[] = [root]
  while (stack.length) {
    const v = stack.pop()!
    if (v === null || typeof v !== 'object') continue
    for (const k of Array.isArray(v) ? v.keys() : Object.keys(v)) {
      out.push({ parent: v, key: k })
      stack.push((v as Record<string | number, Json>)[k])
    }
  }
  return out
}

/**
 * One grammar-aware mutation of a parsed document. Text-level tricks (nesting deeper than
 * JSON.stringify can write, number texts like 1e400) go in as placeholders replaced in the text.
 */
function mutate(doc: Json, random: () => number, swaps: Map<string, string>): void {
  const slots = containers(doc)
  const slot = pick(random, slots)
  const placeholder = (text: string) => {
    const id = `@@${swaps.size}@@`
    swaps.set(`"${id}"`, text)
    return id
  }
  const nodes = (doc as { nodes?: Json[] }).nodes
  const edges = (doc as { edges?: Json[] }).edges
  switch (Math.floor(random() * 11)) {
    case 0: // a prototype-named key somewhere
      if (slot && !Array.isArray(slot.parent)) Object.defineProperty(slot.parent, pick(random, PROTO), { value: { a: 1 }, enumerable: true, writable: true, configurable: true })
      break
    case 1: { // a node id, port or param named like a prototype member
      const name = pick(random, PROTO)
      const edge = edges && (pick(random, edges) as { from: { node: string; port: string }; to: { port: string } } | undefined)
      if (edge && random() < 0.5) (random() < 0.5 ? edge.from : edge.to).port = name
      else if (nodes?.length) {
        const node = pick(random, nodes) as { id: string; params: Record<string, Json> }
        for (const e of (edges ?? []) as { from: { node: string }; to: { node: string } }[]) {
          if (e.from.node === node.id) e.from.node = name
          if (e.to.node === node.id) e.to.node = name
        }
        node.id = name
      }
      break
    }
    case 2: // deep nesting, around and past the limit, up to far past what JSON.stringify survives
      if (slot) slot.parent[slot.key as never] = placeholder(((d) => '['.repeat(d) + ']'.repeat(d))(pick(random, [10, 60, 63, 64, 65, 100, 5000, 50_000]))) as never
      break
    case 3: // huge or odd numbers
      if (slot) slot.parent[slot.key as never] = placeholder(pick(random, HUGE)) as never
      break
    case 4: // a value of another type
      if (slot) slot.parent[slot.key as never] = pick(random, [null, true, 0, -1, 'text', [], {}, [1, 2], { x: 1 }]) as never
      break
    case 5: // a member removed
      if (slot) {
        if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1)
        else delete slot.parent[slot.key as string]
      }
      break
    case 6: // a node or edge repeated (duplicate ids, two wires into one input)
      if (random() < 0.5 && nodes?.length) nodes.push(structuredClone(pick(random, nodes)))
      else if (edges?.length) edges.push(structuredClone(pick(random, edges)))
      break
    case 7: // a wire that closes a cycle or points nowhere
      if (edges?.length && nodes?.length) {
        const e = structuredClone(pick(random, edges)) as { id: string; from: { node: string }; to: { node: string } }
        e.id = `fuzz${swaps.size}${edges.length}`
        if (random() < 0.5) [e.from.node, e.to.node] = [e.to.node, e.from.node]
        else e.to.node = 'ghost'
        edges.push(e as unknown as Json)
      }
      break
    case 8: // odd text in a string
      if (slot && typeof slot.parent[slot.key as never] === 'string') slot.parent[slot.key as never] = pick(random, ODD_TEXT) as never
      else if (slot) slot.parent[slot.key as never] = pick(random, ODD_TEXT) as never
      break
    case 9: // many nodes
      // Copies of the first node's type only: copying its params could multiply a 100 000-character string.
      if (nodes?.length && nodes.length < 1000) {
        const type = (nodes[0] as { type?: Json }).type ?? 'data.iris'
        for (let i = 0, n = pick(random, [100, 1000, 20_001]); i < n; i++) nodes.push({ id: `bulk${i}`, type, params: {} })
      }
      break
    default: // the params of one node replaced by another node's
      if (nodes && nodes.length > 1) (pick(random, nodes) as { params: Json }).params = structuredClone((pick(random, nodes) as { params: Json }).params)
  }
}

/** A mutated document as text: 1–3 mutations of an example, sometimes cut short. */
export function mutatedDocument(seed: number): string {
  const random = rng(seed)
  const doc = structuredClone(pick(random, EXAMPLES))
  const swaps = new Map<string, string>()
  for (let i = 0, n = 1 + Math.floor(random() * 3); i < n; i++) {
    try {
      mutate(doc, random, swaps)
    } catch {
      // An earlier mutation left no node/edge of the shape this one edits: skip it.
    }
  }
  let text = JSON.stringify(doc)
  for (const [from, to] of swaps) text = text.replace(from, to)
  return random() < 0.05 ? text.slice(0, Math.floor(random() * text.length)) : text
}

/**
 * In-process: load (must not throw), and when it loads, save + reload must give the same text,
 * the worker's structured clone must work, and keys must compute. A load that cannot save is lost.
 */
export function fuzzDocuments(count: number, seed = 1): Row {
  const row = newRow('graph documents (in-process)')
  const registry = createRegistry()
  for (let i = 0; i < count; i++) {
    const text = mutatedDocument(seed * 1_000_003 + i)
    const t0 = performance.now()
    let stage = 'load'
    try {
      const loaded = loadDocument(text, registry)
      if (!loaded.ok) {
        const clear = loaded.diagnostics.length > 0 && loaded.diagnostics.every((d) => d.message.length > 0)
        record(row, clear ? 'clean' : 'wrong', `case ${i}: refused without a message`)
        continue
      }
      stage = 'save'
      const saved = saveDocument(loaded.doc)
      structuredClone(loaded.doc)
      const again = loadDocument(saved, registry)
      if (!again.ok || saveDocument(again.doc) !== saved) {
        record(row, 'lost', `case ${i}: saved document does not load back the same`)
        continue
      }
      stage = 'keys'
      computeKeys(loaded.doc, registry)
      const ms = performance.now() - t0
      if (ms > 5000) record(row, 'hang', `case ${i}: ${ms.toFixed(0)} ms`)
      else record(row, hasErrors(loaded.diagnostics) ? 'clean' : 'ok')
    } catch (e) {
      record(row, stage === 'load' ? 'crash' : 'lost', `case ${i} (${stage}): ${(e as Error).message}`)
    }
  }
  return row
}

/** Through the CLI: exit 0/1/2 only, no stack trace, a report naming every node, no hang. */
export async function fuzzCliDocuments(count: number, seed = 2): Promise<Row> {
  const row = newRow('graph documents (CLI)')
  const dir = await mkdtemp(join(tmpdir(), 'mlcanvas-fuzz-'))
  for (let i = 0, tried = 0; tried < count; i++) {
    const text = mutatedDocument(seed * 1_000_003 + i)
    // Documents the in-process check refuses cheaply are common; the CLI row wants a mix.
    if (tried % 2 === 0 && !loadDocument(text, createRegistry()).ok && i < count * 20) continue
    tried++
    const path = join(dir, `case${i}.json`)
    await writeFile(path, text)
    const first = (JSON.parse(text.startsWith('{') ? safeFirstId(text) : '""') as string) || undefined
    const args = ['run', path, '--json', '--no-cache', ...(first ? ['--to', first] : [])]
    const r = await cli(args, { timeoutMs: 120_000 })
    const note = `case ${i}: exit ${r.code ?? r.signal}: ${(r.stderr || r.stdout).slice(0, 300)}`
    if (r.signal) record(row, 'hang', note)
    else if (/\n\s+at .*:\d+:\d+/.test(r.stderr) || ![0, 1, 2].includes(r.code ?? -1)) record(row, 'crash', note)
    else if (r.code === 2) record(row, r.stderr.trim() ? 'clean' : 'wrong', note)
    else {
      const report = JSON.parse(r.stdout) as { nodes: Record<string, { status: string }> }
      record(row, Object.keys(report.nodes).length > 0 ? (r.code === 1 ? 'clean' : 'ok') : 'wrong', note)
    }
  }
  return row
}

/** The first node's id as JSON text, so the CLI run can stop there (`--to`), or '""'. */
function safeFirstId(text: string): string {
  try {
    const id = (JSON.parse(text) as { nodes?: { id?: unknown }[] }).nodes?.[0]?.id
    return JSON.stringify(typeof id === 'string' && id.length > 0 && id.length <= 200 ? id : '')
  } catch {
    return '""'
  }
}
