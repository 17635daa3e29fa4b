// HTTP plumbing shared by the provider transports: every request goes through one guarded fetch (egress.ts:
// the provider's own origins only, never our network; redirects followed by hand and each hop checked), with
// a deadline and a cap on the bytes read, and never throws. A provider that hangs, drops the connection,
// answers garbage or points us elsewhere becomes a value the caller can act on, never an exception. Also:
// gateway status classification, media download by URL, base64 for the gateways' JSON bodies.
import { log } from '../services/log';
import { checkUrl, type Egress, type Refusal } from './egress';
import type { ChannelTransport, HealthCheck, SendOutcome } from './outbound';

export interface Http {
  fetch: typeof fetch;
  timeoutMs: number;
  /** Where this transport may go: checked before every request and every redirect hop. */
  egress: Egress;
}

export type FailedSend = Extract<SendOutcome, { ok: false }>;
export type MediaResult = Awaited<ReturnType<ChannelTransport['downloadMedia']>>;

/** Why a request got no readable answer: only timeouts and network errors are worth trying again. */
export type Unreached = {
  reached: false;
  title: 'timeout' | 'network error' | 'refused' | 'too large';
  detail: string;
};
export type Reply<T> = { reached: true; status: number; headers: Headers; body: T } | Unreached;

export const isRetryableUnreached = (reply: Unreached) =>
  reply.title === 'timeout' || reply.title === 'network error';

/** Redirects followed at most per request (each hop checked like the first). */
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** API answers (JSON) read at most: far above any real one (a template page is tens of KB). */
export const API_BODY_MAX_BYTES = 4 * 1024 * 1024;

class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(`${refusal.why} (${refusal.origin})`);
  }
}

class TooLarge extends Error {}

/** Rejects when the signal aborts: raced against fetch and body reads, so even a fetch that ignores it times out. */
function deadline(signal: AbortSignal): Promise<never> {
  const stop = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  stop.catch(() => {}); // nobody awaits it once the call has finished
  return stop;
}

/**
 * The one way a provider is called: the URL and every redirect target must pass the egress check (a refusal
 * is logged with the channel and the refused origin, never the path or query, and nothing is connected).
 * Redirects are followed as fetch would (303, and 301/302 after a POST, become a GET without a body).
 */
async function guardedFetch(
  http: Http,
  url: string,
  init: RequestInit,
  signal: AbortSignal,
): Promise<Response> {
  const refuse = (refusal: Refusal, hop: number): never => {
    log('warn', 'provider fetch refused', {
      channelId: http.egress.channelId,
      origin: refusal.origin,
      reason: refusal.why,
      hop,
    });
    throw new Refused(refusal);
  };
  let target = url;
  let request: RequestInit = init;
  for (let hop = 0; ; hop++) {
    const checked = checkUrl(http.egress, target);
    if (!checked.ok) return refuse(checked.refusal, hop);
    const response = await http.fetch(checked.url.href, { ...request, redirect: 'manual', signal });
    const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get('location') : null;
    if (location === null) return response;
    await response.body?.cancel().catch(() => {});
    if (hop >= MAX_REDIRECTS) return refuse({ origin: checked.url.origin, why: 'too many redirects' }, hop);
    try {
      target = new URL(location, checked.url).href;
    } catch {
      target = location; // unparsable: the next check refuses it
    }
    const method = (request.method ?? 'GET').toUpperCase();
    if (
      response.status === 303 ||
      ((response.status === 301 || response.status === 302) && method === 'POST')
    )
      request = { ...request, method: 'GET', body: undefined };
  }
}

/**
 * The body's bytes, at most `maxBytes`: a larger declared length is refused before reading, and a body that
 * grows past the cap is cancelled there (the connection is not drained).
 */
export async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new TooLarge(`${declared} bytes declared, at most ${maxBytes} accepted`);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new TooLarge(`more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/** One request, read with `read`; the timeout covers redirects and the body too. Resolves for every outcome. */
export async function call<T>(
  http: Http,
  url: string,
  init: RequestInit,
  read: (response: Response) => Promise<T>,
): Promise<Reply<T>> {
  const signal = AbortSignal.timeout(http.timeoutMs);
  const stop = deadline(signal);
  try {
    const response = await Promise.race([guardedFetch(http, url, init, signal), stop]);
    const body = await Promise.race([read(response), stop]);
    return { reached: true, status: response.status, headers: response.headers, body };
  } catch (error) {
    if (error instanceof Refused) return { reached: false, title: 'refused', detail: error.message };
    if (error instanceof TooLarge) return { reached: false, title: 'too large', detail: error.message };
    if (signal.aborted)
      return { reached: false, title: 'timeout', detail: `no answer in ${http.timeoutMs} ms` };
    return {
      reached: false,
      title: 'network error',
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}

/**
 * What an admin's channel test shows when the provider gave no answer: a fixed sentence, so the test cannot
 * be used to probe addresses and ports (connection refused vs timeout, an internal service's error text).
 * The detail goes to the log only. A refusal says why: that comes from the configured URL, not the network.
 */
export const PROVIDER_UNREACHABLE =
  'Não foi possível conectar ao provedor (could not connect to the provider)';

export function unreachedHealth(http: Http, reply: Unreached): HealthCheck {
  log('warn', 'provider check got no answer', {
    channelId: http.egress.channelId,
    title: reply.title,
    detail: reply.detail,
  });
  const detail =
    reply.title === 'refused'
      ? `Endereço do provedor não permitido (provider address not allowed): ${reply.detail}`
      : PROVIDER_UNREACHABLE;
  return { ok: false, tokenValid: true, detail };
}

/** A media download that got no readable answer; the reason is what the agent sees on the attachment. */
export function unreachedMedia(reply: Unreached, what = 'downloading media'): MediaResult {
  const reason =
    reply.title === 'refused'
      ? `Endereço de mídia recusado (media URL refused): ${reply.detail}`
      : reply.title === 'too large'
        ? `Arquivo grande demais (file too large): ${reply.detail}`
        : `${reply.title} ${what}: ${reply.detail}`;
  return { ok: false, retryable: isRetryableUnreached(reply), reason };
}

/** Reads the body as JSON when it is JSON, else as text (null when empty), up to `maxBytes`. */
export function readJsonUpTo(maxBytes: number): (response: Response) => Promise<unknown> {
  return async (response) => {
    const text = new TextDecoder().decode(await readCapped(response, maxBytes));
    if (!text) return null;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  };
}

/** The body as JSON when it is JSON, else its text (null when empty): error pages are not always JSON. */
export const readJson = readJsonUpTo(API_BODY_MAX_BYTES);

export const isSuccess = (status: number) => status >= 200 && status < 300;
export const isTransient = (status: number) => status >= 500 || status === 429;

/** Retry-After as delta-seconds or an HTTP date, in ms; null when absent or unreadable. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | null {
  const value = headers.get('retry-after')?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** A 2xx we cannot read: the message may have gone out, so retrying could deliver it twice. */
export function unexpectedAnswer(title: string): FailedSend {
  return {
    ok: false,
    retryable: false,
    code: null,
    title,
    message: null,
    retryAfterMs: null,
    tokenInvalid: false,
  };
}

export function unreachable(reply: Unreached): FailedSend {
  return {
    ok: false,
    retryable: isRetryableUnreached(reply),
    code: null,
    title: reply.title,
    message: reply.detail,
    retryAfterMs: null,
    tokenInvalid: false,
  };
}

/** A gateway's own words for an error: Evolution's `response.message` (string or list), else message / error. */
export function gatewayErrorText(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const b = body as Record<string, unknown>;
  const response = b.response as Record<string, unknown> | undefined;
  for (const value of [response?.message, b.message, b.error]) {
    if (typeof value === 'string' && value.trim()) return value;
    if (Array.isArray(value) && value.length > 0) {
      return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('; ');
    }
  }
  return null;
}

/**
 * An unofficial gateway's HTTP failure: 5xx / 429 retryable, 401 / 403 the credentials, other 4xx permanent.
 * Gateways have no error-code table, so code stays null and the HTTP status goes into the text.
 */
export function gatewayFailure(status: number, headers: Headers, body: unknown): FailedSend {
  const said = gatewayErrorText(body);
  return {
    ok: false,
    retryable: isTransient(status),
    code: null,
    title: said ?? `HTTP ${status}`,
    message: said ? `HTTP ${status}` : null,
    retryAfterMs: retryAfterMs(headers),
    tokenInvalid: status === 401 || status === 403,
  };
}

/** What a gateway (Evolution, Uazapi) answers for a template: only the Cloud API has approved templates. */
export const GATEWAY_HAS_NO_TEMPLATES: FailedSend = {
  ok: false,
  retryable: false,
  code: null,
  title: 'templates are a Cloud API feature',
  message: 'WhatsApp gateways send free text only; this channel cannot send approved templates',
  retryAfterMs: null,
  tokenInvalid: false,
};

/** How long the gateways show "digitando…" to the customer (WhatsApp's own indicator lasts about 25 s). */
export const GATEWAY_TYPING_MS = 20_000;

/**
 * What a gateway answers for a customer known only by Meta's business-scoped user id: gateways address
 * customers by number, so the send fails visibly, with the reason, instead of going to a wrong address.
 */
export const GATEWAY_NEEDS_A_NUMBER: FailedSend = {
  ok: false,
  retryable: false,
  code: null,
  title: 'customer has no phone number',
  message:
    'Este cliente é conhecido só pelo ID de usuário do WhatsApp (sem número); o gateway envia apenas para números. / This customer is known only by a WhatsApp user id (no number); gateways send to numbers only.',
  retryAfterMs: null,
  tokenInvalid: false,
};

/** Strips trailing slashes so `${base}/path` never doubles them. */
export const trimBase = (url: string) => url.replace(/\/+$/, '');

export const isHttpUrl = (value: string) => /^https?:\/\//i.test(value);

/** True when `url` is on the same origin as `base`. */
export function sameOrigin(url: string, base: string): boolean {
  try {
    return new URL(url).origin === new URL(base).origin;
  } catch {
    return false;
  }
}

/**
 * GET the bytes at `url` (a provider origin: the egress check refuses anything else), at most `maxBytes`.
 * 5xx / 429 / timeouts are worth retrying; refusals, oversize files and other failures are not.
 */
export async function downloadUrl(
  http: Http,
  url: string,
  headers: HeadersInit,
  maxBytes: number,
): Promise<MediaResult> {
  const reply = await call(http, url, { method: 'GET', headers }, async (r) =>
    isSuccess(r.status)
      ? { bytes: await readCapped(r, maxBytes), type: r.headers.get('content-type') }
      : { error: await readJson(r) },
  );
  if (!reply.reached) return unreachedMedia(reply);
  if ('error' in reply.body) {
    const said = gatewayErrorText(reply.body.error);
    const reason = `HTTP ${reply.status} downloading media${said ? `: ${said}` : ''}`;
    return { ok: false, retryable: isTransient(reply.status), reason };
  }
  const mimeType = reply.body.type?.split(';')[0]?.trim() || 'application/octet-stream';
  // readCapped returns a buffer of exactly the body's length.
  return { ok: true, media: { bytes: reply.body.bytes.buffer as ArrayBuffer, mimeType } };
}

// Chunks keep String.fromCharCode's argument list small: spreading megabytes at once overflows the stack.
const CHUNK = 0x2000;

export function bytesToBase64(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  let binary = '';
  for (let i = 0; i < view.length; i += CHUNK) {
    binary += String.fromCharCode(...view.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/** Decodes plain base64 or a data: URL; throws on invalid input (callers turn that into a failure). */
export function base64ToBytes(base64: string): ArrayBuffer {
  const binary = atob(base64.replace(/^data:[^,]*,/, '').replace(/\s+/g, ''));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out.buffer;
}
