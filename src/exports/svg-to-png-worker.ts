// A chart worker (src/exports/svg-to-png.ts starts a few): draws each SVG it is sent with resvg and encodes the
// PNG, all on this thread, and sends the PNG back (its memory moved, not copied). The render options, fonts
// included, come once, when the worker starts.
import { parentPort, workerData } from 'node:worker_threads'
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js'
import { encodePngSync } from './png.js'

export interface ChartJob {
  id: number
  svg: string
}
export type ChartResult = { id: number; png: Uint8Array } | { id: number; error: string }

const options = workerData as ResvgRenderOptions

parentPort?.on('message', ({ id, svg }: ChartJob) => {
  let result: ChartResult
  try {
    const image = new Resvg(svg, options).render()
    const png = encodePngSync(image.pixels, image.width, image.height)
    // A buffer of its own (not a slice of a shared pool), so that it can be moved to the main thread.
    const own = new Uint8Array(png.byteLength)
    own.set(png)
    result = { id, png: own }
    parentPort!.postMessage(result, [own.buffer])
  } catch (error) {
    result = { id, error: error instanceof Error ? error.message : String(error) }
    parentPort!.postMessage(result)
  }
})
