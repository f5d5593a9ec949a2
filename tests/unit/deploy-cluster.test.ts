import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { BRIDGE_OPTIONS } from '../../runtime/cli/bridge-command'
import { WORKER_OPTIONS } from '../../runtime/cli/worker-command'
import { NODE_QUEUE } from '../../runtime/queue/connection'

// The deployment files are not run here (no container engine); these checks keep them parseable and
// consistent with each other and with the code: names that must match, worker args the CLI accepts.
const DIR = 'deploy/cluster'

/** A parsed manifest: shapes vary by kind, the assertions say what is expected. */
type Doc = Record<string, any>

async function yamlDocs(path: string): Promise<Doc[]> {
  // Compose files use YAML merge keys (<<: *anchor), as docker compose reads them.
  const docs = parseAllDocuments(await readFile(path, 'utf8'), { merge: true })
  if (!Array.isArray(docs)) return []
  for (const d of docs) expect(d.errors.map((e) => e.message), path).toEqual([])
  return docs.map((d) => d.toJS() as Doc)
}

/** Worker args as the CLI would parse them: unknown flags or a missing value throw. */
function workerFlags(args: string[]) {
  expect(args[0]).toBe('worker')
  return parseArgs({ args: args.slice(1), options: WORKER_OPTIONS, strict: true }).values
}

describe('deploy/cluster/docker-compose.yml', () => {
  it('runs Redis, workers on the shared cache volume, the editor and the bridge it may call', async () => {
    const [compose] = await yamlDocs(join(DIR, 'docker-compose.yml'))
    expect(Object.keys(compose.services).sort()).toEqual(['bridge', 'editor', 'redis', 'run', 'worker'])
    const worker = compose.services.worker
    const flags = workerFlags(worker.command)
    expect(flags.queue).toBe('redis://redis:6379')
    expect(worker.volumes).toContain(`cache:${flags['cache-dir']}`)
    expect(worker.deploy.replicas).toBeGreaterThan(1)
    expect(compose.services.redis.command).toEqual(expect.arrayContaining(['--maxmemory-policy', 'noeviction']))
    expect(Object.keys(compose.volumes)).toContain('cache')

    const bridge = compose.services.bridge
    expect(bridge.command[0]).toBe('bridge')
    const b = parseArgs({ args: bridge.command.slice(1), options: BRIDGE_OPTIONS, strict: true }).values
    expect([b.queue, b['cache-dir']]).toEqual([flags.queue, flags['cache-dir']])
    expect(bridge.volumes).toContain(`cache:${b['cache-dir']}`)
    expect(bridge.ports).toContain(`${b.port}:${b.port}`)
    // The editor's page, as a browser on this machine reaches it, is the one origin allowed.
    const editorPort = compose.services.editor.ports[0].split(':')[0]
    expect(b['allow-origin']).toEqual([`http://localhost:${editorPort}`])
  })
})

describe('deploy/cluster/k8s', () => {
  it('parses, and its names agree: services, volumes, the scaler\'s target and the queue it watches', async () => {
    const files = (await readdir(join(DIR, 'k8s'))).filter((f) => f.endsWith('.yaml')).sort()
    const [kustomization] = await yamlDocs(join(DIR, 'k8s', 'kustomization.yaml'))
    expect([...kustomization.resources].sort()).toEqual(files.filter((f) => f !== 'kustomization.yaml'))
    const docs = (await Promise.all(kustomization.resources.map((f: string) => yamlDocs(join(DIR, 'k8s', f))))).flat()
    const byKind = (kind: string) => docs.filter((d) => d.kind === kind)
    for (const d of byKind('Deployment')) expect(d.spec.template.metadata.labels).toMatchObject(d.spec.selector.matchLabels)
    const labels = byKind('Deployment').map((d) => d.spec.template.metadata.labels)
    for (const s of byKind('Service')) expect(labels).toContainEqual(expect.objectContaining(s.spec.selector))

    const worker = byKind('Deployment').find((d) => d.metadata.name === 'mlcanvas-worker')!
    const container = worker.spec.template.spec.containers[0]
    const flags = workerFlags(container.args)
    const redisHost = new URL(flags.queue!).host
    expect(byKind('Service').map((s) => `${s.metadata.name}:${s.spec.ports[0].port}`)).toContain(redisHost)
    const mount = container.volumeMounts.find((m: Doc) => m.mountPath === flags['cache-dir'])
    const volume = worker.spec.template.spec.volumes.find((v: Doc) => v.name === mount.name)
    expect(byKind('PersistentVolumeClaim').map((p) => p.metadata.name)).toContain(volume.persistentVolumeClaim.claimName)
    expect(byKind('PersistentVolumeClaim')[0].spec.accessModes).toEqual(['ReadWriteMany'])

    const [scaler] = byKind('ScaledObject')
    expect(scaler.spec.scaleTargetRef.name).toBe('mlcanvas-worker')
    const trigger = scaler.spec.triggers[0]
    expect(trigger.type).toBe('redis')
    expect(trigger.metadata.address).toBe(redisHost)
    // BullMQ keeps waiting jobs in the list bull:<queue>:wait.
    expect(trigger.metadata.listName).toBe(`bull:${NODE_QUEUE}:wait`)
  })
})
