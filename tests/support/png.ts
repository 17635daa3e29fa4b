// A real PNG of a given size (a colour gradient with a band across), written with node's zlib: pictures a
// browser decodes to their true width, for tests that check an image rendered and for screenshots that show it.
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

export function gradientPng(
  width: number,
  height: number,
  hue: [number, number, number] = [11, 83, 148],
): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // no filter
    const band = Math.abs(y - height / 2) < height / 10;
    for (let x = 0; x < width; x++) {
      const f = x / width;
      const at = row + 1 + x * 3;
      raw[at] = band ? 255 : Math.round(hue[0] + (255 - hue[0]) * f * 0.6);
      raw[at + 1] = band ? 200 : Math.round(hue[1] + (255 - hue[1]) * (y / height) * 0.6);
      raw[at + 2] = band ? 0 : hue[2];
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ]);
}
