import type { EpochRecord } from '../../runtime/values/ml'
import type { NetCheckpoint } from './checkpoint'

export interface EarlyStopOptions {
  /** Stop after this many epochs without a better validation loss and restore the best weights; 0 = off. */
  patience: number
  /** An epoch counts as better only when it lowers the watched loss by more than this (scikit-learn's tol); default 0. */
  minDelta?: number
  /**
   * Patience watches the training loss even when there are validation rows: a convergence stop as
   * scikit-learn's SGD/MLP with early_stopping=False (tol, n_iter_no_change), not early stopping.
   */
  watchTrainingLoss?: boolean
}

/**
 * Patience on the watched loss (validation loss when there is one) with the best epoch's weights
 * kept; its state goes into the checkpoint so a continued run stops where a longer run would.
 */
export class EarlyStop {
  best: { loss: number; epoch: number; values: Float32Array[] | null }
  stale: number
  stopped: boolean

  constructor(
    private readonly options: EarlyStopOptions,
    from?: NetCheckpoint,
  ) {
    this.best = from?.best ? { ...from.best } : { loss: Infinity, epoch: 0, values: null }
    this.stale = from?.stale ?? 0
    this.stopped = from?.stopped ?? false
  }

  /** Counts one finished epoch; `values` reads the weights only when this epoch is the new best. */
  async watch(record: EpochRecord, values: () => Promise<Float32Array[]>): Promise<void> {
    const { patience, minDelta = 0, watchTrainingLoss } = this.options
    if (patience <= 0) return
    const watched = watchTrainingLoss ? record.loss : (record.valLoss ?? record.loss)
    if (watched < this.best.loss - minDelta) {
      this.best = { loss: watched, epoch: record.epoch, values: await values() }
      this.stale = 0
    } else if (++this.stale >= patience) this.stopped = true
  }

  /** The checkpoint's part: the best epoch so far (when one was kept), the stale count and whether it stopped. */
  state(): Pick<NetCheckpoint, 'best' | 'stale' | 'stopped'> {
    const { best } = this
    return { ...(best.values ? { best: { loss: best.loss, epoch: best.epoch, values: best.values } } : {}), stale: this.stale, stopped: this.stopped }
  }
}
