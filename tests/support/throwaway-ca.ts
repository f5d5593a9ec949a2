import { execFile } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'

export interface ThrowawayCa {
  /** The CA's certificate (PEM): what NODE_EXTRA_CA_CERTS names. */
  caFile: string
  /** A server key and certificate for 127.0.0.1 and localhost, signed by that CA. */
  key: string
  cert: string
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes']

/**
 * A CA made for one test (as a TLS-inspecting proxy's, which no public root signs) and a server
 * certificate it signed, made in `dir` with the openssl command (Debian's `openssl` package).
 */
export async function makeThrowawayCa(dir: string): Promise<ThrowawayCa> {
  const openssl = (...args: string[]) => promisify(execFile)('openssl', args, { cwd: dir }).catch((e: Error) => {
    throw new Error(`These tests make their certificates with the openssl command (apt-get install openssl): ${e.message}`)
  })
  await openssl('req', '-x509', ...EC, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=mlcanvas throw-away test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign')
  await openssl('req', '-new', ...EC, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1')
  await writeFile(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n')
  await openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'server.ext', '-out', 'server.pem')
  return { caFile: join(dir, 'ca.pem'), key: await readFile(join(dir, 'server.key'), 'utf8'), cert: await readFile(join(dir, 'server.pem'), 'utf8') }
}
