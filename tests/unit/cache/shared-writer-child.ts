// One of two processes publishing the same keys into one cache directory at once: writes each
// key, reads every key back as it goes, and prints how many reads found a whole entry.
import { DirStore } from '../../../runtime/cache/dir-store'
import { encodeValue } from '../../../runtime/values/codec'

const [dir, label] = process.argv.slice(2)
const store = await DirStore.open(dir)
const value = await encodeValue({ v: new Float64Array(256 * 1024).map((_, i) => i) }) // 2 MB: writes overlap
const key = (n: number) => n.toString(16).padStart(32, '0')
let found = 0
let verified = 0
for (let round = 0; round < 3; round++) {
  for (let n = 0; n < 12; n++) {
    await store.write(key(n), value, { summary: { writer: label }, ms: n, bytes: value.bytes, createdAt: Date.now() })
    for (let m = 0; m < 12; m++) {
      const got = await store.read(key(m))
      if (!got) continue
      found += 1
      if (got.value.checksum === value.checksum) verified += 1
    }
  }
}
process.stdout.write(JSON.stringify({ found, verified }))
