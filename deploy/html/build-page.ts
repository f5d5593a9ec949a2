import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BundleFiles } from '../bundle/build'
import { readManifest } from '../bundle/read'

/** The page script's source, found from this module (run from source or from the bundled CLI under node_modules/.cache). */
function pageEntry(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const entry = join(dir, 'deploy', 'html', 'page.ts')
    if (existsSync(entry)) return entry
    if (dirname(dir) === dir) throw new Error('Cannot find deploy/html/page.ts to build the scorer page from.')
  }
}

/** The scorer page's script: one minified IIFE with the scorer, tfjs-core and its CPU backend. */
async function pageScript(): Promise<string> {
  const { build } = await import('esbuild')
  const out = await build({
    entryPoints: [pageEntry()],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  // Inline in <script>: a "</script" inside a string would end the element.
  return out.outputFiles[0].text.replace(/<\/script/gi, '<\\/script')
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')

/** One self-contained HTML file that scores rows with the bundle, offline (open it from disk). */
export async function buildScorerPage(files: BundleFiles): Promise<string> {
  const manifest = readManifest(files)
  const embedded = JSON.stringify(Object.fromEntries([...files].map(([path, bytes]) => [path, base64(bytes)])))
  const title = escapeHtml(`${manifest.name} — offline scorer`)
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'unsafe-inline'">
<link rel="icon" href="data:,">
<title>${title}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px; color: #1f2937; }
h1 { font-size: 20px; margin: 0 0 4px; } #model-info { color: #6b7280; margin: 0 0 12px; }
textarea { width: 100%; min-height: 120px; font: 13px ui-monospace, monospace; }
table { border-collapse: collapse; margin-top: 12px; } th, td { border-bottom: 1px solid #e5e7eb; padding: 3px 10px; text-align: left; }
#error { color: #b91c1c; white-space: pre-wrap; } .controls { display: flex; gap: 12px; align-items: center; margin: 8px 0; }
details { margin-bottom: 12px; }
</style>
</head>
<body>
<h1 id="model-name">${escapeHtml(manifest.name)}</h1>
<p id="model-info"></p>
<details><summary>Input columns</summary><ul id="columns"></ul></details>
<label for="rows">Rows to score (CSV, header first)</label>
<textarea id="rows" spellcheck="false"></textarea>
<div class="controls">
<button id="score" type="button" disabled>Score</button>
<label>Upload a CSV file <input id="upload" type="file" accept=".csv,text/csv"></label>
<span id="status" role="status">Loading the model…</span>
</div>
<div id="error" role="alert"></div>
<div id="results"></div>
<script type="application/json" id="bundle-files">${embedded}</script>
<script>${await pageScript()}</script>
</body>
</html>
`
}
