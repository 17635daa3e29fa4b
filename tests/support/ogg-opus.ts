// A real, playable Ogg/Opus voice note (WhatsApp's format for voice messages), written here byte by byte: the
// OpusHead and OpusTags pages, then audio pages of 20 ms Opus frames (CELT, silence) with their granule
// positions, each page with its CRC. Small (a few hundred bytes a second) and decodable by Chromium.

/** Ogg's CRC-32: polynomial 0x04c11db7, no reflection, initial value 0. */
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) crc = ((crc << 8) ^ (CRC_TABLE[((crc >>> 24) ^ b) & 0xff] as number)) >>> 0;
  return crc >>> 0;
}

const SERIAL = 0x46494f31; // "FIO1"

/** One Ogg page holding whole packets (each under 255 bytes here, so one lacing value each). */
function page(packets: Uint8Array[], granule: bigint, sequence: number, flags: number): Uint8Array {
  const lacing = packets.flatMap((p) => {
    const values: number[] = [];
    let n = p.length;
    while (n >= 255) {
      values.push(255);
      n -= 255;
    }
    values.push(n);
    return values;
  });
  const bodyLength = packets.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(27 + lacing.length + bodyLength);
  const view = new DataView(out.buffer);
  out.set([0x4f, 0x67, 0x67, 0x53], 0); // "OggS"
  out[4] = 0; // version
  out[5] = flags; // 2 = first page, 4 = last page
  view.setBigInt64(6, granule, true);
  view.setUint32(14, SERIAL, true);
  view.setUint32(18, sequence, true);
  view.setUint32(22, 0, true); // CRC, filled below
  out[26] = lacing.length;
  out.set(lacing, 27);
  let at = 27 + lacing.length;
  for (const p of packets) {
    out.set(p, at);
    at += p.length;
  }
  view.setUint32(22, crc32(out), true);
  return out;
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** A voice note of `seconds` of silence (mono, 48 kHz), as WhatsApp's Ogg/Opus. */
export function oggOpusVoiceNote(seconds = 2): Uint8Array {
  const preSkip = 312;
  const head = new Uint8Array(19);
  head.set(ascii('OpusHead'), 0);
  const hv = new DataView(head.buffer);
  head[8] = 1; // version
  head[9] = 1; // channels
  hv.setUint16(10, preSkip, true);
  hv.setUint32(12, 48_000, true); // input sample rate
  hv.setInt16(16, 0, true); // output gain
  head[18] = 0; // channel mapping family
  const vendor = ascii('fio-tests');
  const tags = new Uint8Array(8 + 4 + vendor.length + 4);
  tags.set(ascii('OpusTags'), 0);
  new DataView(tags.buffer).setUint32(8, vendor.length, true);
  tags.set(vendor, 12);
  // A 20 ms CELT full-band mono frame of silence (TOC 0xf8).
  const silence = Uint8Array.of(0xf8, 0xff, 0xfe);
  const frames = Math.round(seconds * 50);
  const pages = [page([head], 0n, 0, 2), page([tags], 0n, 1, 0)];
  const perPage = 50;
  let sequence = 2;
  for (let done = 0; done < frames; done += perPage) {
    const count = Math.min(perPage, frames - done);
    const granule = BigInt((done + count) * 960 + preSkip);
    const last = done + count >= frames;
    pages.push(page(new Array(count).fill(silence), granule, sequence++, last ? 4 : 0));
  }
  const total = pages.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of pages) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
