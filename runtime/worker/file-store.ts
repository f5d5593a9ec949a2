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

  constructor(name = 'mlcanvas-files') {
    this.db = new FilesDb(name)
  }

  async put(name: string, bytes: ArrayBuffer): Promise<string> {
    const hash = await hashBytes([new Uint8Array(bytes)])
    await this.db.files.put({ name, bytes, hash, size: bytes.byteLength })
    return hash
  }

  async list() {
    const rows = await this.db.files.toArray()
    return rows.map((r) => ({ name: r.name, bytes: r.size, hash: r.hash }))
  }

  async resolve(value: string) {
    const row = await this.db.files.get(value)
    if (!row) throw new Error(`The file "${value}" is not in this browser yet: choose or drop it on the node.`)
    return { name: row.name, bytes: new Uint8Array(row.bytes), hash: row.hash }
  }
}
