import Dexie, { type Table } from 'dexie'
import type { FileProvider } from '../exec/executor'
import { hashBytes } from '../keys/hash'

interface FileRow {
  name: string
  bytes: ArrayBuffer
  hash: string
  size: number
}

class FilesDb extends Dexie {
  files!: Table<FileRow, string>
  constructor(name: string) {
    super(name)
    this.version(1).stores({ files: 'name' })
  }
}

/**
 * Files the user gave the browser (dropped or chosen CSVs), kept in IndexedDB by name so
 * `file` params resolve after a reload. The content hash goes into cache keys.
 */
export class BrowserFileStore implements FileProvider {
  private readonly db: FilesDb
  /** Name → hash and size, read from IndexedDB once: keys are recomputed on every edit. */
  private facts?: Promise<Map<string, { hash: string; size: number }>>

  constructor(name = 'mlcanvas-files') {
    this.db = new FilesDb(name)
  }

  private known() {
    this.facts ??= this.db.files.toArray().then((rows) => new Map(rows.map((r) => [r.name, { hash: r.hash, size: r.size }])))
    return this.facts
  }

  async put(name: string, bytes: ArrayBuffer): Promise<string> {
    const hash = await hashBytes([new Uint8Array(bytes)])
    await this.db.files.put({ name, bytes, hash, size: bytes.byteLength })
    ;(await this.known()).set(name, { hash, size: bytes.byteLength })
    return hash
  }

  async list() {
    return [...(await this.known())].map(([name, f]) => ({ name, bytes: f.size, hash: f.hash }))
  }

  async hashOf(name: string) {
    return (await this.known()).get(name)?.hash
  }

  async resolve(value: string) {
    const row = await this.db.files.get(value)
    if (!row) throw new Error(`The file "${value}" is not in this browser yet: choose or drop it on the node.`)
    return { name: row.name, bytes: new Uint8Array(row.bytes), hash: row.hash }
  }
}
