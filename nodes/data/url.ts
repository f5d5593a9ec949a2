import { defineNode, paramsUnchanged } from '../../runtime/node-api/define-node'
import { p } from '../../runtime/node-api/params'
import { port } from '../../runtime/node-api/ports'
import { UntrustedCertificate } from '../../runtime/net/certificate-error'
import { guardedFetch, RefusedDownload } from '../../runtime/net/policy'
import { decodeText } from './csv-parse'
import { loadJson } from './json'
import { loadCsv, tableParams, finishLoad, keepMessages, summarizeLoaded } from './load-table'
import { loaderSchema } from './schema-step'

async function download(url: string, signal: AbortSignal): Promise<{ bytes: Uint8Array; contentType: string }> {
  let response: Response
  try {
    response = await guardedFetch(url, signal)
  } catch (e) {
    if (signal.aborted) throw new Error('Cancelled while downloading.')
    if (e instanceof RefusedDownload || e instanceof UntrustedCertificate) throw e
    throw new Error(
      `Could not fetch ${url}: ${(e as Error).message || 'network error'}. You may be offline, the host may be unreachable, ` +
        'or the server may not allow downloads from this page (CORS).',
    )
  }
  if (!response.ok) throw new Error(`Could not fetch ${url}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`)
  return { bytes: new Uint8Array(await response.arrayBuffer()), contentType: response.headers.get('content-type') ?? '' }
}

const urlSchema = loaderSchema('data.url')

/** JSON when the server or the URL says so, or when the text starts like JSON. */
const isJson = (url: string, contentType: string, text: string) =>
  contentType.includes('json') || /\.json($|\?)/i.test(url) || /^\s*[[{]/.test(text)

/** Fetches a CSV or JSON table from a URL. */
export const urlNode = defineNode({
  type: 'data.url',
  version: 4,
  migrate: paramsUnchanged,
  category: 'data',
  title: 'Table from URL',
  description:
    'Downloads a CSV file or a JSON array of records from a web address and reads it like the CSV node (delimiter and header detection, ' +
    'missing values, type inference, target). The page must allow cross-origin downloads. It re-downloads on every run, since the content may change.',
  inputs: {},
  outputs: { data: port.dataset() },
  replays: [urlSchema],
  volatile: true,
  params: () => ({
    url: p.text({ default: '', maxLength: 2000, title: 'URL', description: 'An http(s) address of a .csv or .json file.' }),
    ...tableParams,
  }),
  async run(_inputs, params, ctx) {
    const log = keepMessages(ctx.log)
    const url = params.url.trim()
    if (!url) throw new Error('Enter the URL of a CSV or JSON file.')
    if (!/^https?:\/\//i.test(url)) throw new Error(`"${url}" is not a web address; it must start with http:// or https://.`)
    ctx.progress(0, 'downloading')
    const { bytes, contentType } = await download(url, ctx.signal)
    const text = decodeText(bytes, `The download from ${url}`)
    if (!isJson(url, contentType, text)) return finishLoad(await loadCsv(text, params, { ...ctx, log }), log, urlSchema)
    return finishLoad(loadJson(text, params, log, `The download from ${url}`), log, urlSchema)
  },
  summarize: summarizeLoaded,
})
