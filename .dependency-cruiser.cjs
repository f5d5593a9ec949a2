// The import directions of docs/architecture.md, checked in `npm test` (tests/boundaries/check.sh):
//   editor → runtime ← nodes → ml,  ml imports only runtime/values.
// Each rule's comment is what a violation prints: it says what to do instead.
const TEST = '(\\.(test|bench|e2e)\\.tsx?$|/testing/|^tests/)'
const UI = '^(editor/|node_modules/(react|react-dom|@xyflow/react|zustand|zundo|@tanstack/react-virtual)/)'
// The app entry points: the only runtime modules that assemble nodes/ and deploy/ into a program.
const RUNTIME_ENTRY = '^runtime/(cli/|worker/(worker-entry|pool-worker-entry|engine|engine-api)\\.ts$)'

module.exports = {
  forbidden: [
    {
      name: 'no-ui-below-editor',
      severity: 'error',
      comment:
        'runtime/, ml/, nodes/ and deploy/ run in a worker and in Node: they never import editor/ or React. ' +
        'Move the shared code into runtime/ (or ml/) and import it from the editor instead.',
      from: { path: '^(runtime|ml|nodes|deploy)/' },
      to: { path: UI },
    },
    {
      name: 'ml-imports-only-values',
      severity: 'error',
      comment:
        'ml/ is a pure library: besides ml/ and npm packages it imports only runtime/values/. ' +
        'Pass what it needs in as an argument (e.g. a Uniform random source), or move the helper into runtime/values/.',
      from: { path: '^ml/', pathNot: TEST },
      to: { path: '^(runtime/(?!values/)|nodes/|deploy/|editor/|tests/)' },
    },
    {
      name: 'runtime-not-nodes',
      severity: 'error',
      comment:
        'runtime/ does not know the node types: it gets them through the Registry it is given. Only the app entry points ' +
        '(runtime/cli/, runtime/worker/worker-entry.ts, pool-worker-entry.ts, engine.ts) import nodes/ or deploy/. Take a Registry or a callback as a parameter instead.',
      from: { path: '^runtime/', pathNot: [TEST, RUNTIME_ENTRY] },
      to: { path: '^(nodes|deploy|editor)/' },
    },
    {
      name: 'nodes-not-app',
      severity: 'error',
      comment:
        'nodes/ declare node types on the node API; they do not reach into the CLI, the worker host or the editor. ' +
        'Move what you need into runtime/ (node-api, values, exec) or ml/.',
      from: { path: '^nodes/', pathNot: TEST },
      to: { path: '^(runtime/(cli|worker)/|editor/)' },
    },
    {
      name: 'editor-through-runtime',
      severity: 'error',
      comment:
        'The editor reaches node types and algorithms through the runtime (the registry, the worker engine), never nodes/ or ml/ directly. ' +
        'Ask the engine (runtime/worker/engine-api.ts) or the registry for it.',
      from: { path: '^editor/', pathNot: TEST },
      to: { path: '^(nodes|ml)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'This import resolves to no file or installed package: fix the path, or npm install the package.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
}
