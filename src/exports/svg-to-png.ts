// Draws the SVG charts as PNG images for Word. resvg (a native SVG renderer) draws each chart and our encoder
// (src/exports/png.ts) makes the PNG, in a small pool of worker threads: the main thread only hands out the
// charts and collects the images, so it stays free for other requests, and the charts of one document are drawn
// on every core at once. About 12 ms of work a chart, where a Chromium screenshot took over 100 ms; most of it
// is resvg laying out the text (it reads the font file for each glyph), the rest drawing and deflating.
//
// A chart's image depends only on its SVG, so the images drawn lately are kept (up to CACHE_BYTES), keyed by
// the SVG itself: a document exported again, or another whose charts have not changed, reuses them. A changed
// chart is a different SVG, so it can never be served an old image.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { ResvgRenderOptions } from '@resvg/resvg-js'
import type { ChartJob, ChartResult } from './svg-to-png-worker.js'
import { encodePngSync } from './png.js'

export { crc32 } from './png.js'

/** Arial-compatible fonts from Debian's fonts-liberation (installed with Chromium), else DejaVu. */
const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
  '/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf',
  '/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
]

/** 1.25 times the chart's size: sharper than the 600-pixel width Word shows it at, and quick to draw. */
export const CHART_ZOOM = 1.25

/** At most this many chart workers, and never more than the machine has cores (2 on the servers). */
export const MAX_CHART_WORKERS = 4

/** The images kept for reuse, in bytes (about 350 charts of a board pack). */
const CACHE_BYTES = 16 * 1024 * 1024

let options: ResvgRenderOptions | undefined

function renderOptions(): ResvgRenderOptions {
  if (!options) {
    const fontFiles = FONT_CANDIDATES.filter((f) => fs.existsSync(f))
    const family = fontFiles.some((f) => f.includes('Liberation')) ? 'Liberation Sans' : 'DejaVu Sans'
    options = {
      fitTo: { mode: 'zoom', value: CHART_ZOOM },
      background: '#ffffff',
      // Loading only these files is much faster than scanning every system font for each chart.
      font: fontFiles.length
        ? { loadSystemFonts: false, fontFiles, defaultFontFamily: family, sansSerifFamily: family }
        : { loadSystemFonts: true },
    }
  }
  return options
}

interface Pending {
  resolve: (png: Buffer) => void
  reject: (error: Error) => void
}

interface ChartWorker {
  worker: Worker
  busy: number
}

// The worker module beside this one: built, it is plain JavaScript; run from the sources (tsx, in development,
// tests and benchmarks), the worker registers tsx's loader first, as a worker does not inherit it.
const FROM_SOURCES = path.extname(fileURLToPath(import.meta.url)) === '.ts'
const WORKER_URL = new URL(`./svg-to-png-worker${FROM_SOURCES ? '.ts' : '.js'}`, import.meta.url)

function startWorker(): Worker {
  if (!FROM_SOURCES) return new Worker(WORKER_URL, { workerData: renderOptions() })
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'))
  const code = `import(${tsx}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL.href)}) })`
  return new Worker(code, { eval: true, workerData: renderOptions() })
}

class ChartPool {
  private readonly workers: ChartWorker[] = []
  private readonly pending = new Map<number, Pending & { owner: ChartWorker }>()
  private readonly queue: Array<ChartJob & Pending> = []
  private nextId = 1

  constructor(private readonly size: number) {}

  draw(svg: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, svg, resolve, reject })
      this.dispatch()
    })
  }

  async close(): Promise<void> {
    const workers = this.workers.splice(0)
    await Promise.all(workers.map((w) => w.worker.terminate()))
  }

  // One chart at a time per worker: a worker that finishes takes the next, so a slow chart holds up no other.
  private dispatch() {
    while (this.queue.length) {
      const free = this.workers.find((w) => w.busy === 0) ?? this.start()
      if (!free) return
      const job = this.queue.shift()!
      free.busy++
      // A worker with work keeps the process alive until it answers; an idle one does not.
      free.worker.ref()
      this.pending.set(job.id, { resolve: job.resolve, reject: job.reject, owner: free })
      free.worker.postMessage({ id: job.id, svg: job.svg } satisfies ChartJob)
    }
  }

  private start(): ChartWorker | undefined {
    if (this.workers.length >= this.size) return undefined
    const entry: ChartWorker = { worker: startWorker(), busy: 0 }
    entry.worker.on('message', (result: ChartResult) => {
      const job = this.pending.get(result.id)
      if (!job) return
      this.pending.delete(result.id)
      entry.busy--
      if (entry.busy === 0) entry.worker.unref()
      if ('error' in result) job.reject(new Error(`A chart could not be drawn: ${result.error}`))
      else job.resolve(Buffer.from(result.png.buffer, result.png.byteOffset, result.png.byteLength))
      this.dispatch()
    })
    // A worker that fails or stops fails its charts; the next charts start a new one.
    const lost = (error: Error) => {
      const at = this.workers.indexOf(entry)
      if (at >= 0) this.workers.splice(at, 1)
      for (const [id, job] of this.pending)
        if (job.owner === entry) {
          this.pending.delete(id)
          job.reject(error)
        }
      this.dispatch()
    }
    entry.worker.on('error', lost)
    entry.worker.on('exit', (code) => lost(new Error(`The chart worker stopped (exit code ${code})`)))
    entry.worker.unref()
    this.workers.push(entry)
    return entry
  }
}

let pool: ChartPool | undefined

/** How many chart workers this machine runs: one a core, at most MAX_CHART_WORKERS. */
export function chartWorkerCount(): number {
  return Math.max(1, Math.min(MAX_CHART_WORKERS, os.availableParallelism()))
}

/** Images drawn lately, by their SVG, oldest first (a Map keeps the order of insertion). */
const kept = new Map<string, Buffer>()
let keptBytes = 0

function keep(svg: string, png: Buffer) {
  if (kept.has(svg)) return
  kept.set(svg, png)
  keptBytes += svg.length + png.length
  for (const [oldest, image] of kept) {
    if (keptBytes <= CACHE_BYTES) break
    kept.delete(oldest)
    keptBytes -= oldest.length + image.length
  }
}

/** Forgets the images kept for reuse (for benchmarks and tests that time or count the drawing). */
export function forgetChartImages(): void {
  kept.clear()
  keptBytes = 0
}

/** Each SVG as a PNG, in the same order: kept ones reused, the others drawn by the chart workers. */
export async function svgsToPng(svgs: string[]): Promise<Buffer[]> {
  pool ??= new ChartPool(chartWorkerCount())
  const drawing = new Map<string, Promise<Buffer>>()
  return Promise.all(
    svgs.map(async (svg) => {
      const found = kept.get(svg)
      if (found) {
        // Used again: now the most recent.
        kept.delete(svg)
        kept.set(svg, found)
        return found
      }
      let png = drawing.get(svg)
      if (!png) {
        png = pool!.draw(svg)
        drawing.set(svg, png)
      }
      const image = await png
      keep(svg, image)
      return image
    }),
  )
}

/** Stops the chart workers (they are started again when next needed). */
export async function closeChartWorkers(): Promise<void> {
  const p = pool
  pool = undefined
  await p?.close()
}

/** A PNG of 8-bit RGBA pixels (the encoder the workers use). */
export function encodePng(rgba: Uint8Array, width: number, height: number): Promise<Buffer> {
  return Promise.resolve(encodePngSync(rgba, width, height))
}
