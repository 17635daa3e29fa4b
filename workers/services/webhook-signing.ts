// How a delivery proves it came from Fio: hex HMAC-SHA256 with the endpoint's secret over
// `${timestamp}.${rawBody}` (timestamp in whole seconds), sent as `v1=<hex>` next to the timestamp and the
// delivery id (WEBHOOK_HEADERS). The timestamp is inside the signed bytes so a receiver can refuse old replays.
import { WEBHOOK_HEADERS } from '../contract';

const encoder = new TextEncoder();

/** A new endpoint secret: `whsec_` + 32 random bytes, base64url. Shown once; stored sealed. */
export function generateWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `whsec_${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/** `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`. */
export async function webhookSignature(secret: string, timestamp: number, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}.${body}`));
  return `v1=${[...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The headers of one attempt (the delivery id is the same on every retry: receivers dedupe by it). */
export async function deliveryHeaders(
  secret: string,
  deliveryId: string,
  eventType: string,
  body: string,
  nowMs = Date.now(),
): Promise<Record<string, string>> {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    'content-type': 'application/json',
    'user-agent': 'Fio-Webhooks/1',
    [WEBHOOK_HEADERS.id]: deliveryId,
    [WEBHOOK_HEADERS.timestamp]: String(timestamp),
    [WEBHOOK_HEADERS.event]: eventType,
    [WEBHOOK_HEADERS.signature]: await webhookSignature(secret, timestamp, body),
  };
}

/** Waits between attempts: 10 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h, 8 h (≈ a day), then dead. */
export const DEFAULT_RETRY_SCHEDULE_MS = [
  10_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 28_800_000, 28_800_000,
];

/**
 * The retry schedule: WEBHOOK_RETRY_SCHEDULE_MS (comma-separated milliseconds; tests use a short one), else
 * the default. A malformed value falls back to the default rather than retrying forever or never.
 */
export function retrySchedule(raw: string | undefined): number[] {
  if (!raw) return DEFAULT_RETRY_SCHEDULE_MS;
  const parts = raw.split(',').map((s) => Number(s.trim()));
  if (parts.length === 0 || parts.length > 50 || parts.some((n) => !Number.isInteger(n) || n < 0))
    return DEFAULT_RETRY_SCHEDULE_MS;
  return parts;
}
