// A separate process for the SIGKILL test: writes large cache entries in a loop until killed.
import { DirStore } from '../../../runtime/cache/dir-store'
import { hashString } from '../../../runtime/keys/hash'
import { encodeValue } from '../../../runtime/values/codec'

const store = await DirStore.open(process.argv[2])
const value = await encodeValue({ v: new Float64Array(4 * 2 ** 20) }) // 32 MB: writes take a while
process.stdout.write('writing\n')
for (let i = 0; i < 1000; i++) await store.write(hashString(`entry ${i}`), value, { summary: {}, ms: 0, bytes: value.bytes, createdAt: 0 })
