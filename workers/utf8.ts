// Size limits are on bytes, and text arrives as JS strings: the UTF-8 length, cheaply.
const encoder = new TextEncoder();

/** True when `text` is longer than `maxBytes` in UTF-8; encodes only when the length alone cannot decide. */
export function exceedsUtf8Bytes(text: string, maxBytes: number): boolean {
  if (text.length > maxBytes) return true; // every UTF-16 unit is at least one byte
  if (text.length * 3 <= maxBytes) return false; // and at most three
  return encoder.encode(text).length > maxBytes;
}
