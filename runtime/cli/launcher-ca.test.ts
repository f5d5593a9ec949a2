import { execFile, execFileSync } from 'node:child_process'
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { caStoreLine } from '../net/ca-store.mjs'

/** The node the launcher finds on PATH, as it names it in the stamp's first line. */
const NODE = execFileSync('sh', ['-c', 'command -v node'], { encoding: 'utf8' }).trim()

describe('the launcher moves NODE_EXTRA_CA_CERTS aside only where the CLI can build the same CA list', () => {
  let root: string
  beforeAll(async () => {
    // A checkout of the launcher whose bin.mjs prints the two variables it was started with (no snapshot blob).
    root = await mkdtemp(join(tmpdir(), 'mlcanvas-launcher-ca-'))
    await mkdir(join(root, 'runtime', 'cli'), { recursive: true })
    await mkdir(join(root, 'node_modules', '.cache', 'mlcanvas-cli'), { recursive: true })
    await copyFile(resolve('runtime/cli/pipeline'), join(root, 'runtime', 'cli', 'pipeline'))
    const print = 'console.log(JSON.stringify([process.env.NODE_EXTRA_CA_CERTS ?? null, process.env.MLCANVAS_EXTRA_CA_CERTS ?? null]))\n'
    await writeFile(join(root, 'runtime', 'cli', 'bin.mjs'), print)
  })
  afterAll(() => rm(root, { recursive: true, force: true }))

  /** [NODE_EXTRA_CA_CERTS, MLCANVAS_EXTRA_CA_CERTS] as Node sees them, after a stamp with `lines` (none: no stamp). */
  async function started(lines: string[] | undefined, nodeOptions = '') {
    const stamp = join(root, 'node_modules', '.cache', 'mlcanvas-cli', 'snapshot.stamp')
    await rm(stamp, { force: true })
    if (lines) await writeFile(stamp, lines.join('\n') + '\n')
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_EXTRA_CA_CERTS: '/etc/proxy-ca.pem', NODE_OPTIONS: nodeOptions }
    delete env.MLCANVAS_EXTRA_CA_CERTS
    const { stdout } = await promisify(execFile)('sh', [join(root, 'runtime', 'cli', 'pipeline')], { env })
    return JSON.parse(stdout) as [string | null, string | null]
  }

  it('moves it for a node whose default store is its bundled roots', async () => {
    expect(await started([NODE, '--min-semi-space-size=16', 'bundled-ca'])).toEqual([null, '/etc/proxy-ca.pem'])
  })

  it('leaves it to Node for another store, another node, no stamp, or --use-openssl-ca', async () => {
    const kept = ['/etc/proxy-ca.pem', null]
    expect(await started([NODE, '--min-semi-space-size=16', 'other-ca'])).toEqual(kept)
    expect(await started(['/opt/other/node', '--min-semi-space-size=16', 'bundled-ca'])).toEqual(kept)
    expect(await started([NODE, '--min-semi-space-size=16'])).toEqual(kept)
    expect(await started(undefined)).toEqual(kept)
    expect(await started([NODE, '--min-semi-space-size=16', 'bundled-ca'], '--use-openssl-ca')).toEqual(kept)
  })

  it('the stamp says bundled-ca only for a build that neither uses OpenSSL’s store nor adds a system CA file', () => {
    expect(caStoreLine({})).toBe('bundled-ca')
    expect(caStoreLine({ openssl_use_def_ca_store: true })).toBe('other-ca')
    expect(caStoreLine({ openssl_system_ca_path: '/etc/pki/tls/certs/ca-bundle.crt' })).toBe('other-ca')
  })
})
