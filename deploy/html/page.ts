import '@tensorflow/tfjs-backend-cpu'
import * as tf from '@tensorflow/tfjs-core'
import Papa from 'papaparse'
import type { DecimalMark } from '../../ml/table/cast'
import { detectDecimal } from '../../nodes/data/csv-parse'
import { loadScorer, type Scorer } from '../scorer/scorer'
import { outputColumns, outputCells } from '../scorer/output-columns'

/**
 * The offline scorer page: the bundle's files are embedded in the HTML (base64 JSON in
 * #bundle-files); rows pasted or uploaded as CSV are scored by the same scorer module as the
 * server and `pipeline predict`, on tfjs's CPU backend (nothing to fetch from file://).
 */

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T

function embeddedFiles(): Map<string, Uint8Array> {
  const raw = JSON.parse($('bundle-files').textContent ?? '{}') as Record<string, string>
  return new Map(Object.entries(raw).map(([path, b64]) => [path, Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))]))
}

function describe(scorer: Scorer) {
  const m = scorer.bundle.manifest
  $('model-name').textContent = m.name
  const classes = m.model.classes ? ` · classes: ${m.model.classes.join(', ')}` : ''
  $('model-info').textContent = `${m.model.family} · ${m.model.task}${classes}`
  const list = $('columns')
  for (const c of m.input.columns) {
    const li = document.createElement('li')
    li.textContent = `${c.name} (${c.type}${c.required ? '' : ', optional'})${c.categories ? `: ${c.categories.slice(0, 12).join(', ')}` : ''}`
    list.append(li)
  }
  const header = m.input.columns.filter((c) => c.required).map((c) => c.name)
  const ref = new Map((m.reference?.columns ?? []).map((r) => [r.name, r]))
  const example = m.input.columns.filter((c) => c.required).map((c) => {
    const r = ref.get(c.name)
    if (r?.type === 'numeric' && r.sample.length) return String(r.sample[r.sample.length >> 1])
    return c.categories?.[0] ?? ''
  })
  $<HTMLTextAreaElement>('rows').value = Papa.unparse([header, example], { newline: '\n' })
}

function render(header: string[], rows: string[][], scorer: Scorer, decimal: DecimalMark) {
  const out = scorer.scoreCells(header, rows, 1, decimal)
  const model = scorer.bundle.model
  const table = document.createElement('table')
  const head = table.createTHead().insertRow()
  for (const h of [...header, ...outputColumns(model, out)]) head.append(Object.assign(document.createElement('th'), { textContent: h }))
  const body = table.createTBody()
  rows.forEach((r, i) => {
    const tr = body.insertRow()
    for (const cell of [...r, ...outputCells(model, out, i, decimal)]) tr.insertCell().textContent = String(cell)
  })
  $('results').replaceChildren(table)
  $('status').textContent = `Scored ${rows.length} row${rows.length === 1 ? '' : 's'}.`
}

function scoreText(text: string, scorer: Scorer) {
  $('error').textContent = ''
  const { data, meta } = Papa.parse<string[]>(text.trim(), { skipEmptyLines: 'greedy' })
  if (data.length < 2) throw new Error('Give a header row and at least one row to score.')
  // Rows pasted from a spreadsheet that writes 1,5 (semicolon- or tab-separated) are read as the CSV loader reads them.
  render(data[0], data.slice(1), scorer, detectDecimal(meta.delimiter, data.slice(0, 201)))
}

async function main() {
  await tf.setBackend('cpu')
  const scorer = await loadScorer(embeddedFiles())
  describe(scorer)
  const guard = (f: () => void) => {
    try {
      f()
    } catch (e) {
      $('results').replaceChildren()
      $('status').textContent = ''
      $('error').textContent = (e as Error).message
    }
  }
  $('score').addEventListener('click', () => guard(() => scoreText($<HTMLTextAreaElement>('rows').value, scorer)))
  $<HTMLInputElement>('upload').addEventListener('change', async (e) => {
    const file = (e.target as HTMLInputElement).files?.[0]
    if (!file) return
    const text = await file.text()
    $<HTMLTextAreaElement>('rows').value = text
    guard(() => scoreText(text, scorer))
  })
  $('score').removeAttribute('disabled')
  $('status').textContent = 'Ready.'
}

main().catch((e) => {
  $('error').textContent = `This page cannot score: ${(e as Error).message}`
})
