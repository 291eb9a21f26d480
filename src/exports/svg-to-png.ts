// Draws the SVG charts as PNG images for Word. resvg (a native SVG renderer) draws each chart on the
// libuv thread pool, and the PNG is deflated there too: about 8 ms a chart, where a Chromium screenshot
// took over 100 ms. resvg's own PNG encoder runs on the main thread, one chart at a time, hence ours.
import fs from 'node:fs'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js'

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

export async function svgsToPng(svgs: string[]): Promise<Buffer[]> {
  const opts = renderOptions()
  return Promise.all(
    svgs.map(async (svg) => {
      const image = await renderAsync(svg, opts)
      return encodePng(image.pixels, image.width, image.height)
    }),
  )
}

const deflate = promisify(zlib.deflate)

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

export function crc32(data: Buffer): number {
  let c = 0xffffffff
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function pngChunk(type: string, data: Buffer): Buffer {
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  typed.copy(out, 4)
  out.writeUInt32BE(crc32(typed), 8 + data.length)
  return out
}

/** A PNG of 8-bit RGBA pixels: each row prefixed with filter 0 (none), deflated off the main thread. */
export async function encodePng(rgba: Buffer, width: number, height: number): Promise<Buffer> {
  const stride = width * 4
  const raw = Buffer.alloc((stride + 1) * height)
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride)
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bits per channel
  header[9] = 6 // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', await deflate(raw, { level: 1 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}
