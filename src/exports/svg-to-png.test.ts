import assert from 'node:assert/strict'
import zlib from 'node:zlib'
import { describe, it } from 'node:test'
import { CHART_ZOOM, crc32, encodePng, forgetChartImages, svgsToPng } from './svg-to-png.js'

/** Reads back the chunks of a PNG, checking each CRC. */
function chunks(png: Buffer): Array<{ type: string; data: Buffer }> {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  const out: Array<{ type: string; data: Buffer }> = []
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at)
    const typed = png.subarray(at + 4, at + 8 + length)
    assert.equal(png.readUInt32BE(at + 8 + length), crc32(typed), 'chunk CRC')
    out.push({ type: typed.subarray(0, 4).toString('ascii'), data: typed.subarray(4) })
    at += 12 + length
  }
  return out
}

describe('chart images for Word', () => {
  it('computes the standard CRC-32', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926)
    assert.equal(crc32(Buffer.from('IEND')), 0xae426082)
  })

  it('encodes pixels as a PNG that decodes back to the same pixels', async () => {
    const pixels = Buffer.from([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255])
    const found = chunks(await encodePng(pixels, 2, 2))
    assert.deepEqual(
      found.map((c) => c.type),
      ['IHDR', 'IDAT', 'IEND'],
    )
    assert.equal(found[0]!.data.readUInt32BE(0), 2)
    const raw = zlib.inflateSync(found[1]!.data)
    assert.deepEqual([...raw], [0, ...pixels.subarray(0, 8), 0, ...pixels.subarray(8)])
  })

  it('draws a chart at 1.25 times its size, with something drawn on a white background', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40" viewBox="0 0 100 40"><rect x="10" y="10" width="20" height="20" fill="#0b0c0c"/><text x="40" y="30" font-size="12">Chart</text></svg>'
    const [png] = await svgsToPng([svg])
    const found = chunks(png!)
    assert.equal(found[0]!.data.readUInt32BE(0), 100 * CHART_ZOOM)
    assert.equal(found[0]!.data.readUInt32BE(4), 40 * CHART_ZOOM)
    const raw = zlib.inflateSync(found[1]!.data)
    const stride = 125 * 4 + 1
    const pixel = (x: number, y: number) => [...raw.subarray(y * stride + 1 + x * 4, y * stride + 1 + x * 4 + 3)]
    assert.deepEqual(pixel(2, 2), [255, 255, 255], 'white background')
    assert.deepEqual(pixel(30, 30), [11, 12, 12], 'the dark square')
  })

  const square = (width: number) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="40" viewBox="0 0 ${width} 40"><rect x="4" y="4" width="20" height="20" fill="#0b0c0c"/></svg>`

  it('draws many charts at once in the workers, each image in its place', async () => {
    const widths = [40, 80, 120, 160, 200, 240, 280, 320]
    const pngs = await svgsToPng(widths.map(square))
    assert.deepEqual(
      pngs.map((png) => chunks(png)[0]!.data.readUInt32BE(0)),
      widths.map((w) => w * CHART_ZOOM),
    )
  })

  it('reuses the image kept for the same chart, until the images are forgotten', async () => {
    const [first] = await svgsToPng([square(48)])
    const [again, other] = await svgsToPng([square(48), square(56)])
    assert.equal(again, first, 'the same image, not drawn again')
    assert.notEqual(other, first)
    forgetChartImages()
    const [drawn] = await svgsToPng([square(48)])
    assert.notEqual(drawn, first, 'drawn again once forgotten')
    assert.deepEqual(drawn, first)
  })
})
