// HTTP plumbing shared by the provider transports: calls with a deadline that never throw, gateway status
// classification, media download by URL, base64 for the gateways' JSON bodies. A provider that hangs, drops the
// connection or answers garbage becomes a value the caller can act on, never an exception.
import type { ChannelTransport, SendOutcome } from './outbound';

export interface Http {
  fetch: typeof fetch;
  timeoutMs: number;
}

export type FailedSend = Extract<SendOutcome, { ok: false }>;
export type MediaResult = Awaited<ReturnType<ChannelTransport['downloadMedia']>>;

export type Reply<T> =
  | { reached: true; status: number; headers: Headers; body: T }
  | { reached: false; title: 'timeout' | 'network error'; detail: string };

/** Rejects when the signal aborts: raced against fetch and body reads, so even a fetch that ignores it times out. */
function deadline(signal: AbortSignal): Promise<never> {
  const stop = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
  stop.catch(() => {}); // nobody awaits it once the call has finished
  return stop;
}

/** One request, read with `read`; the timeout covers the body too. Resolves for every outcome. */
export async function call<T>(
  http: Http,
  url: string,
  init: RequestInit,
  read: (response: Response) => Promise<T>,
): Promise<Reply<T>> {
  const signal = AbortSignal.timeout(http.timeoutMs);
  const stop = deadline(signal);
  try {
    const response = await Promise.race([http.fetch(url, { ...init, signal }), stop]);
    const body = await Promise.race([read(response), stop]);
    return { reached: true, status: response.status, headers: response.headers, body };
  } catch (error) {
    if (signal.aborted)
      return { reached: false, title: 'timeout', detail: `no answer in ${http.timeoutMs} ms` };
    return {
      reached: false,
      title: 'network error',
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}

/** The body as JSON when it is JSON, else its text (null when empty): error pages are not always JSON. */
export async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

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

export function unreachable(reply: { title: 'timeout' | 'network error'; detail: string }): FailedSend {
  return {
    ok: false,
    retryable: true,
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

/** True when `url` is on the same origin as `base`: only then may the gateway's credential go with it. */
export function sameOrigin(url: string, base: string): boolean {
  try {
    return new URL(url).origin === new URL(base).origin;
  } catch {
    return false;
  }
}

/** GET the bytes at `url`. 5xx / 429 / timeouts are worth retrying; other failures are not. */
export async function downloadUrl(http: Http, url: string, headers: HeadersInit = {}): Promise<MediaResult> {
  const reply = await call(http, url, { method: 'GET', headers }, async (r) =>
    isSuccess(r.status)
      ? { bytes: await r.arrayBuffer(), type: r.headers.get('content-type') }
      : { error: await readJson(r) },
  );
  if (!reply.reached) return { ok: false, retryable: true, reason: `${reply.title}: ${reply.detail}` };
  if ('error' in reply.body) {
    const said = gatewayErrorText(reply.body.error);
    const reason = `HTTP ${reply.status} downloading media${said ? `: ${said}` : ''}`;
    return { ok: false, retryable: isTransient(reply.status), reason };
  }
  const mimeType = reply.body.type?.split(';')[0]?.trim() || 'application/octet-stream';
  return { ok: true, media: { bytes: reply.body.bytes, mimeType } };
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
