import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises'
import { execFileSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { nodeFileProvider } from '../../../runtime/cli/node-files'
import { newRow, record, type Row } from './table'

/** File params a shared graph might carry, and whether the CLI must read them. */
export async function pathCases(): Promise<Row> {
  const row = newRow('file paths')
  const root = await mkdtemp(join(tmpdir(), 'mlcanvas-paths-'))
  const dir = join(root, 'graph')
  await mkdir(join(dir, 'sub'), { recursive: true })
  await writeFile(join(dir, 'ok.csv'), 'a\n1\n')
  await writeFile(join(dir, 'sub', 'ok.csv'), 'a\n1\n')
  await writeFile(join(root, 'secret.csv'), 'a\n1\n')
  await symlink(join(root, 'secret.csv'), join(dir, 'out.csv'))
  await symlink(join(dir, 'ok.csv'), join(dir, 'in.csv'))
  await symlink('/dev/zero', join(dir, 'zero.csv'))
  await symlink('/proc/self/environ', join(dir, 'env.csv'))
  await symlink(root, join(dir, 'up'))
  execFileSync('mkfifo', [join(dir, 'fifo.csv')])
  const cases: [string, boolean][] = [
    ['ok.csv', true], ['./ok.csv', true], ['sub/ok.csv', true], ['sub/../ok.csv', true], [join(dir, 'ok.csv'), true], ['in.csv', true],
    ['../secret.csv', false], ['sub/../../secret.csv', false], [join(root, 'secret.csv'), false], ['out.csv', false], ['up/secret.csv', false],
    ['/etc/passwd', false], ['/proc/self/environ', false], ['env.csv', false], ['zero.csv', false], ['/dev/zero', false], ['fifo.csv', false],
    ['sub', false], ['.', false], ['', false], ['missing.csv', false], ['ok.csv\u0000.txt', false], ['%2e%2e/secret.csv', false],
    ['~/secret.csv', false], ['C:\\Windows\\win.ini', false], ['\\\\server\\share\\x.csv', false], ['file:///etc/passwd', false],
  ]
  const provider = nodeFileProvider(dir)
  for (const [value, allowed] of cases) {
    const t0 = Date.now()
    try {
      await provider.resolve(value, 'path')
      record(row, allowed ? 'ok' : 'wrong', `${JSON.stringify(value)} was read`)
    } catch (e) {
      const message = (e as Error).message
      const clear = !(e instanceof TypeError) && /path|File not found|Refused/.test(message)
      if (allowed) record(row, 'wrong', `${JSON.stringify(value)} refused: ${message}`)
      else record(row, Date.now() - t0 > 5000 ? 'hang' : clear ? 'clean' : 'crash', `${JSON.stringify(value)}: ${message}`)
    }
  }
  return row
}
