// A PNG encoder for the chart images: 8-bit RGBA rows, each with filter 0 (none), deflated at level 1 (charts are
// mostly white, so the fastest level compresses them about as well as any). Synchronous: it runs on the chart
// workers' threads (src/exports/svg-to-png-worker.ts), never on the main one.
import zlib from 'node:zlib'

/** The standard CRC-32, as PNG chunks carry it (zlib's own, native). */
export function crc32(data: Uint8Array): number {
  return zlib.crc32(data)
}

function pngChunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'ascii')
  data.copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}

/** A PNG of 8-bit RGBA pixels. */
export function encodePngSync(rgba: Uint8Array, width: number, height: number): Buffer {
  const stride = width * 4
  const pixels = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength)
  const raw = Buffer.alloc((stride + 1) * height)
  for (let y = 0; y < height; y++) pixels.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride)
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bits per channel
  header[9] = 6 // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', zlib.deflateSync(raw, { level: 1 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}
