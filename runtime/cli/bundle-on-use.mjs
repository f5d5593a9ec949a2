/**
 * Packages the CLI bundle requires when it first reads one of their names rather than at start-up:
 * tfjs-core and tfjs-layers, ≈ 50 ms of compiling that a run served from the cache never needs;
 * fflate, whose top level leaves a streaming TextDecoder (a native handle) that a start-up snapshot
 * (snapshot.mjs) cannot hold; and ml-matrix (PCA) and papaparse (CSV), which only nodes that run call:
 * bundled, their code and closures were part of every start-up snapshot's heap (≈ 0.2 MB of source).
 */
export const ON_USE = /^(@tensorflow\/tfjs-(core|layers)|fflate|ml-matrix|papaparse)$/

/** The ON_USE packages required together (GROUP); the others alone. */
const TOGETHER = /^@tensorflow\//

/** The module the ON_USE stand-ins share: the packages they stand for, in the order they were imported. */
const GROUP = 'mlcanvas-on-use-group'

/**
 * esbuild plugin part: each ON_USE package imported statically becomes a CommonJS stand-in that requires
 * it when one of its names is first read. For TOGETHER, the first name read from any of them requires every
 * package whose stand-in has been evaluated, in that order, as their imports would have: loading one can be needed for what it does (tfjs-layers registers the
 * gradients of tfjs-core's ops, which ml/nn/optimizer.ts imports it for).
 * esbuild gives each importer an object made from module.exports' prototype plus copies of its own names;
 * a stand-in has none of its own, so nothing is copied (≈ 1 300 names per importer), and its prototype
 * reads every name from the package. esbuild cannot check names imported from CommonJS, so a name the
 * package lacks throws where it is read.
 */
export function setupOnUse(build, requireName) {
  build.onResolve({ filter: new RegExp(`^${GROUP}$`) }, (args) => ({ path: args.path, namespace: 'on-use-group' }))
  build.onLoad({ filter: /.*/, namespace: 'on-use-group' }, () => ({
    contents: `const imported = []
let required
module.exports = {
  add: (id) => imported.push(id),
  require: (id) => (required ??= new Map(imported.map((each) => [each, ${requireName}(each)]))).get(id) ?? ${requireName}(id),
}`,
    loader: 'js',
  }))
  build.onLoad({ filter: /.*/, namespace: 'on-use' }, (args) => {
    const name = JSON.stringify(args.path)
    const grouped = TOGETHER.test(args.path)
    return {
      contents: `${grouped ? `const group = require(${JSON.stringify(GROUP)})\ngroup.add(${name})` : ''}
let loaded
const load = () => (loaded ??= ${grouped ? 'group.require' : requireName}(${name}))
const read = (m, key) => {
  if (typeof key === 'string' && !(key in m)) throw new Error(${name} + ' has no export "' + key + '".')
  return m[key]
}
module.exports = Object.create(new Proxy({}, { get: (_, key) => read(load(), key), has: (_, key) => key in load() }))`,
      loader: 'js',
    }
  })
}
