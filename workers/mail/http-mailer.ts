// Production mailer: an HTTP e-mail API in the style of Resend/Postmark. POST <url> with
// `Authorization: Bearer <key>` and `{from, to: [..], subject, text, html}` → 2xx `{id}`. A 429 or 5xx, a
// network failure or a timeout is retried with backoff (honouring Retry-After up to a cap); any other 4xx is
// a configuration or address problem that retrying cannot fix, reported at once with the provider's words.
import { z } from 'zod';
import { MailError, type Mailer, type MailReceipt } from './mailer';

export interface HttpMailerOptions {
  url: string;
  apiKey: string;
  from: string;
  /** Attempts in all (first try included); default 3. */
  attempts?: number;
  /** First backoff; doubles each retry, with jitter; default 250 ms. */
  backoffMs?: number;
  /** Per attempt; default 8 s. */
  timeoutMs?: number;
  /** Longest wait a Retry-After may ask for before we give up instead; default 5 s. */
  maxRetryAfterMs?: number;
}

const Accepted = z.object({ id: z.union([z.string(), z.number()]).optional() }).loose();
const ProviderError = z
  .object({
    message: z.string().optional(),
    error: z.union([z.string(), z.object({ message: z.string().optional() }).loose()]).optional(),
  })
  .loose();

function providerMessage(body: unknown): string | null {
  const parsed = ProviderError.safeParse(body);
  if (!parsed.success) return null;
  const { message, error } = parsed.data;
  if (message) return message;
  if (typeof error === 'string') return error;
  return error?.message ?? null;
}

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function httpMailer(opts: HttpMailerOptions): Mailer {
  const attempts = opts.attempts ?? 3;
  const backoff = opts.backoffMs ?? 250;
  const timeoutMs = opts.timeoutMs ?? 8_000;
  const maxRetryAfter = opts.maxRetryAfterMs ?? 5_000;

  async function attempt(
    body: string,
  ): Promise<{ receipt?: MailReceipt; retryIn?: number; error: MailError }> {
    let res: Response;
    try {
      res = await fetch(opts.url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${opts.apiKey}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      const why = timedOut ? `no answer within ${timeoutMs} ms` : `unreachable (${String(err)})`;
      return { retryIn: 0, error: new MailError(`E-mail API ${why}`) };
    }
    const json: unknown = await res.json().catch(() => null);
    if (res.ok) {
      const id = Accepted.safeParse(json).data?.id;
      return { receipt: { id: id === undefined ? null : String(id) }, error: new MailError('unused') };
    }
    const said = providerMessage(json) ?? res.statusText;
    const error = new MailError(`E-mail API answered ${res.status}: ${said}`, res.status);
    if (res.status === 429 || res.status >= 500) {
      return { retryIn: retryAfterMs(res.headers.get('retry-after')) ?? 0, error };
    }
    return { error };
  }

  return {
    async send(message) {
      const body = JSON.stringify({
        from: opts.from,
        to: [message.to],
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
      let last: MailError = new MailError('E-mail API not called');
      for (let i = 0; i < attempts; i++) {
        const result = await attempt(body);
        if (result.receipt) return result.receipt;
        last = result.error;
        if (result.retryIn === undefined || i === attempts - 1) break;
        if (result.retryIn > maxRetryAfter) break;
        const jittered = backoff * 2 ** i * (0.5 + Math.random() / 2);
        await sleep(Math.max(result.retryIn, jittered));
      }
      throw last;
    },
  };
}
