// How an adapter talks to its ERP: every request through the channels' guarded HTTP (egress limited to the
// ERP's own origin plus the deployment's allowed private origins, a per-call deadline, a cap on bytes), then
// one classification: HTML where JSON was expected (IXC's error page, SGP's login page), 401/403, 5xx,
// timeouts and network errors are all `erp_unavailable`, with a detail for the logs. Reads are retried once
// on timeout, network error or 5xx; writes (trust unlock, tickets) never, because the first may have landed.

import { egressOf, originOf } from '../channels/egress';
import { API_BODY_MAX_BYTES, call, type Http, isRetryableUnreached, readCapped } from '../channels/http';
import { failure } from './failures';
import type { ErpConnectionConfig, ErpFailure } from './tools';

export const DEFAULT_ERP_TIMEOUT_MS = 5000;

export type Body =
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; value: string }
  | { kind: 'bytes'; value: Uint8Array };

export type Answer = { ok: true; status: number; body: Body } | { ok: false; error: ErpFailure };

export interface ErpHttp {
  kind: 'ixc' | 'sgp';
  http: Http;
}

export function erpHttp(config: ErpConnectionConfig): ErpHttp {
  const origin = originOf(config.baseUrl);
  return {
    kind: config.kind,
    http: {
      fetch: config.fetch,
      timeoutMs: config.timeoutMs ?? DEFAULT_ERP_TIMEOUT_MS,
      egress: egressOf(origin ? [origin] : [], config.privateOrigins, `erp:${config.kind}`),
    },
  };
}

/** Whether a call may be sent again after a timeout, a network error or a 5xx. */
export type Retry = 'read' | 'write';

/** A body that starts with a tag is a page, whatever the content type says (PHP sends text/html for all). */
const looksHtml = (text: string) => /^\s*</.test(text);

/** A login form in an HTML answer: the ERP did not accept our token and showed its sign-in page. */
const isLoginPage = (text: string) => /type=["']?password/i.test(text) || /\/login/i.test(text);

async function readBody(response: Response, binary: boolean): Promise<Body & { html?: string }> {
  const bytes = await readCapped(response, API_BODY_MAX_BYTES);
  const type = response.headers.get('content-type') ?? '';
  if (binary && type.includes('pdf')) return { kind: 'bytes', value: bytes };
  const text = new TextDecoder().decode(bytes);
  if (looksHtml(text)) return { kind: 'text', value: '', html: text };
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'text', value: text };
  }
}

/** The detail names the call (IXC table or SGP route), never the URL's query or the body: the caller logs it. */
function unavailable(erp: ErpHttp, detail: string, what: string): { ok: false; error: ErpFailure } {
  return { ok: false, error: failure('erp_unavailable', `${erp.kind} ${what}: ${detail}`) };
}

/**
 * One ERP call, retried once when it is a read and failed in a way worth retrying. `what` names the call in
 * the failure's detail. `binary` keeps a PDF body as bytes.
 */
export async function request(
  erp: ErpHttp,
  what: string,
  url: string,
  init: RequestInit,
  retry: Retry,
  binary = false,
): Promise<Answer> {
  const attempts = retry === 'read' ? 2 : 1;
  let last: Answer | null = null;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const reply = await call(erp.http, url, init, (r) => readBody(r, binary));
    if (!reply.reached) {
      last = unavailable(erp, `${reply.title}: ${reply.detail}`, what);
      if (isRetryableUnreached(reply)) continue;
      return last;
    }
    const { status, body } = reply;
    if (status === 401 || status === 403)
      return unavailable(erp, `credentials refused (HTTP ${status}${body.html ? ', HTML page' : ''})`, what);
    if (status >= 500) {
      last = unavailable(erp, `HTTP ${status}${body.html ? ' (HTML page)' : ''}`, what);
      continue;
    }
    if (body.html !== undefined) {
      const detail = isLoginPage(body.html)
        ? 'credentials refused: the ERP answered its HTML login page'
        : `HTML page instead of JSON (HTTP ${status})`;
      return unavailable(erp, detail, what);
    }
    if (status < 200 || status >= 300) return unavailable(erp, `HTTP ${status}`, what);
    return { ok: true, status, body };
  }
  return last ?? unavailable(erp, 'no attempt made', what);
}
