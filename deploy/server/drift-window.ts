import { binShares, psi } from '../../ml/drift/psi'
import { ksTest } from '../../ml/drift/ks'
import type { ReferenceDistribution } from '../bundle/manifest'

/** Values remembered per column: recent enough to show a shift, small enough to test at every scrape. */
const WINDOW = 5000

/** The most recent values of one column, in a ring. Categories are stored as their index (−1 = other). */
class Ring {
  private readonly values = new Float64Array(WINDOW)
  private next = 0
  size = 0

  add(v: number) {
    this.values[this.next] = v
    this.next = (this.next + 1) % WINDOW
    this.size = Math.min(WINDOW, this.size + 1)
  }

  snapshot(): Float64Array {
    return this.values.slice(0, this.size)
  }
}

export interface ColumnDrift {
  name: string
  psi: number
  /** KS statistic against the training sample; NaN for categorical columns. */
  ks: number
  seen: number
}

function shares(codes: Float64Array, k: number): Float64Array {
  const out = new Float64Array(k + 1)
  for (const c of codes) out[c < 0 ? k : c]++
  for (let j = 0; j <= k; j++) out[j] /= codes.length || 1
  return out
}

/** Keeps what the server has been asked to score and compares it with the bundle's training reference. */
export class DriftWindow {
  private readonly rings = new Map<string, Ring>()
  private readonly categories = new Map<string, Map<string, number>>()

  constructor(private readonly reference: readonly ReferenceDistribution[]) {
    for (const r of reference) {
      this.rings.set(r.name, new Ring())
      if (r.type === 'categorical') this.categories.set(r.name, new Map(r.categories.map((c, i) => [c, i])))
    }
  }

  /** Records one scored batch given as cell texts under `header` (missing cells are skipped). */
  record(header: readonly string[], rows: readonly (readonly string[])[]): void {
    header.forEach((name, j) => {
      const ring = this.rings.get(name)
      if (!ring) return
      const cats = this.categories.get(name)
      for (const row of rows) {
        const text = row[j]?.trim() ?? ''
        if (text === '') continue
        if (cats) ring.add(cats.get(text) ?? -1)
        else if (Number.isFinite(Number(text))) ring.add(Number(text))
      }
    })
  }

  /** PSI (and KS for numbers) of every reference column over the values seen so far. */
  drift(): ColumnDrift[] {
    return this.reference.map((r) => {
      const seen = this.rings.get(r.name)!.snapshot()
      if (seen.length === 0) return { name: r.name, psi: NaN, ks: NaN, seen: 0 }
      if (r.type === 'numeric') {
        return { name: r.name, psi: psi(r.shares, binShares(seen, r.edges)), ks: ksTest(r.sample, seen).statistic, seen: seen.length }
      }
      // Unknown categories get their own bin, which the reference never fills.
      return { name: r.name, psi: psi([...r.shares, 0], shares(seen, r.categories.length)), ks: NaN, seen: seen.length }
    })
  }
}
