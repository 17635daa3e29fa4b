// The receiver's side of Fio's webhook signature (the README's recipe, as code): HMAC-SHA256 with the
// endpoint's secret over `${timestamp}.${rawBody}`, compared in constant time, with a replay window.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureVerdict = 'valid' | 'invalid' | 'stale' | 'missing';

export function verifyFioSignature(
  secret: string,
  rawBody: string,
  timestamp: string | undefined,
  signature: string | undefined,
  nowMs = Date.now(),
  toleranceSeconds = 300,
): SignatureVerdict {
  if (!timestamp || !signature) return 'missing';
  const ts = Number(timestamp);
  if (!Number.isInteger(ts)) return 'invalid';
  const expected = `v1=${createHmac('sha256', secret).update(`${ts}.${rawBody}`).digest('hex')}`;
  const a = Buffer.from(expected);
  const b = Buffer.from(signature);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return 'invalid';
  if (Math.abs(nowMs / 1000 - ts) > toleranceSeconds) return 'stale';
  return 'valid';
}
