// PDFs are printed by one shared Chromium, and each print takes a page of memory and a core for a second or
// more: a crowd asking at once must not print all at once. The queue runs a few jobs at a time, keeps a
// bounded number waiting in order, and refuses the rest at once (PdfBusyError, shown as "try again shortly").
import type { PdfPrinter } from './chromium.js'

/** Too many PDFs are being made: the request was refused rather than kept waiting. */
export class PdfBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many PDFs are being made right now')
  }
}

export interface PdfQueueOptions {
  /** Jobs running at once (at least 1). */
  concurrency: number
  /** Jobs waiting their turn; one more is refused. */
  maxWaiting: number
  /** What a refusal tells the client to wait, in seconds (the Retry-After header). */
  retryAfterSeconds?: number
}

export class PdfQueue {
  private running = 0
  private readonly waiting: (() => void)[] = []
  private readonly concurrency: number
  private readonly maxWaiting: number
  private readonly retryAfterSeconds: number

  constructor(options: PdfQueueOptions) {
    this.concurrency = Math.max(1, Math.floor(options.concurrency))
    this.maxWaiting = Math.max(0, Math.floor(options.maxWaiting))
    this.retryAfterSeconds = options.retryAfterSeconds ?? 60
  }

  /** Jobs running and waiting now. */
  get size(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length }
  }

  /** Runs the job when a place is free, in the order asked; throws PdfBusyError at once if the queue is full. */
  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) throw new PdfBusyError(this.retryAfterSeconds)
      // The place is handed over by the job that ends (running is not decremented in between), so a job
      // arriving meanwhile cannot jump the queue.
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    } else {
      this.running++
    }
    try {
      return await job()
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.running--
    }
  }
}

/** The printer, taking its turn in the queue for every print. */
export function queuedPrinter(printer: PdfPrinter, queue: PdfQueue): PdfPrinter {
  return (html, header) => queue.run(() => printer(html, header))
}
