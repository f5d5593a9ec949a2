import { spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface LocalRedis {
  url: string
  /** rediss:// on a second port, when started with a certificate. */
  tlsUrl?: string
  stop(): Promise<void>
}

/** A free TCP port on the loopback interface (released just before use). */
async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/**
 * Debian's redis-server on a free loopback port, without persistence, in a temp folder.
 * Resolves once it accepts connections; `stop` kills it and removes the folder. With `tls` (PEM
 * key and certificate) it also serves TLS on a second port (Debian's build has TLS).
 */
export async function startRedis(tls?: { key: string; cert: string }): Promise<LocalRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'mlcanvas-redis-'))
  const port = await freePort()
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--loglevel', 'warning']
  const tlsPort = tls && (await freePort())
  if (tls) {
    await writeFile(join(dir, 'tls.key'), tls.key)
    await writeFile(join(dir, 'tls.pem'), tls.cert)
    args.push('--tls-port', String(tlsPort), '--tls-key-file', join(dir, 'tls.key'), '--tls-cert-file', join(dir, 'tls.pem'), '--tls-auth-clients', 'no')
  }
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGKILL')
    await exited
    await rm(dir, { recursive: true, force: true })
  }
  const deadline = Date.now() + 10_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`redis-server exited: ${output}`)
    if (await answersPing(port)) return { url: `redis://127.0.0.1:${port}`, ...(tls && { tlsUrl: `rediss://127.0.0.1:${tlsPort}` }), stop }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`redis-server did not start on port ${port}: ${output}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Whether something on the port answers a Redis PING (inline command) with +PONG. */
async function answersPing(port: number): Promise<boolean> {
  const { connect } = await import('node:net')
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(500, () => done(false))
    socket.once('error', () => done(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.once('data', (d) => done(d.toString().startsWith('+PONG')))
  })
}
