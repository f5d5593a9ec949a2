import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { RunReport } from '../../runtime/exec/events'
import { nodeFileProvider } from '../../runtime/cli/node-files'
import { cli } from './cli'

let root: string // holds graph/ (the graph's folder) and outside/
let graphDir: string
const read = (value: string, allow: string[] = []) =>
  nodeFileProvider(graphDir, allow)
    .resolve(value, 'path')
    .then((f) => new TextDecoder().decode(f.bytes))

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mlcanvas-files-'))
  graphDir = join(root, 'graph')
  await mkdir(join(graphDir, 'data'), { recursive: true })
  await mkdir(join(root, 'outside'))
  await writeFile(join(graphDir, 'data', 'in.csv'), 'a\n1\n')
  await writeFile(join(root, 'outside', 'secret.csv'), 'secret\n1\n')
  await symlink(join(root, 'outside', 'secret.csv'), join(graphDir, 'link-out.csv'))
  await symlink(join(graphDir, 'data', 'in.csv'), join(graphDir, 'link-in.csv'))
  await symlink('/dev/zero', join(graphDir, 'zero.csv'))
  execFileSync('mkfifo', [join(graphDir, 'pipe.csv')])
})

describe('which files a graph may read (CLI)', () => {
  it('reads files in its folder and below, directly, by absolute path or through a link that stays inside', async () => {
    expect(await read('data/in.csv')).toBe('a\n1\n')
    expect(await read(join(graphDir, 'data', 'in.csv'))).toBe('a\n1\n')
    expect(await read('link-in.csv')).toBe('a\n1\n')
    expect(await read('./data/../data/in.csv')).toBe('a\n1\n')
  })

  it.each([
    ['../outside/secret.csv'],
    ['data/../../outside/secret.csv'],
    ['/etc/passwd'],
    ['/proc/self/environ'],
  ])('refuses %s, naming the param', async (value) => {
    // /proc/self is itself a link (to /proc/<pid>), so that message also says where it leads.
    const error = await read(value).catch((e: Error) => e.message)
    expect(error.replace(/ \(a link to \/proc\/\d+\/environ\)/, '')).toBe(
      `Refused to read path "${value}": a graph reads only files inside its own folder (${graphDir}). If you trust this graph, allow the folder with --allow-read.`,
    )
  })

  it('refuses a link that points out of the folder (to a file or a device), saying where it points', async () => {
    await expect(read('link-out.csv')).rejects.toThrow(`Refused to read path "link-out.csv" (a link to ${join(root, 'outside', 'secret.csv')})`)
    await expect(read('zero.csv')).rejects.toThrow('Refused to read path "zero.csv" (a link to /dev/zero)')
  })

  it('tells a folder, a pipe and a missing file apart', async () => {
    await expect(read('data')).rejects.toThrow('path "data" is a folder, not a file.')
    await expect(read('pipe.csv')).rejects.toThrow('path "pipe.csv" is not a regular file (a device, socket or pipe cannot be read).')
    await expect(read('nope.csv')).rejects.toThrow(/^File not found: nope\.csv/)
  })

  it('reads outside the folder where the user allowed it', async () => {
    expect(await read('../outside/secret.csv', [join(root, 'outside')])).toBe('secret\n1\n')
    expect(await read('link-out.csv', [join(root, 'outside')])).toBe('secret\n1\n')
    await expect(read('/etc/passwd', [join(root, 'outside')])).rejects.toThrow('Refused')
  })

  it('the CLI refuses by default and reads with --allow-read', async () => {
    const doc = { format: 'mlcanvas/graph', version: 1, nodes: [{ id: 'csv', type: 'data.csv', params: { path: '../outside/secret.csv' } }] }
    await writeFile(join(graphDir, 'g.json'), JSON.stringify(doc))
    const refused = await cli(['run', join(graphDir, 'g.json'), '--json', '--no-cache'])
    expect(refused.code).toBe(1)
    expect((JSON.parse(refused.stdout) as RunReport).nodes.csv.error).toMatch(/^Refused to read path "\.\.\/outside\/secret\.csv"/)
    const allowed = await cli(['run', join(graphDir, 'g.json'), '--json', '--no-cache', '--allow-read', join(root, 'outside')])
    expect(allowed.code).toBe(0)
    expect((JSON.parse(allowed.stdout) as RunReport).nodes.csv.summary).toMatchObject({ rows: 1 })
  }, 60_000)
})
