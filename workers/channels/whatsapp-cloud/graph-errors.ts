// A Graph API error response turned into a failed send: whether trying again later can work (throttling,
// temporary outages) or not (outside the 24 h window, template missing, policy), and whether the token died.
import { z } from 'zod';
import { type FailedSend, isTransient, retryAfterMs } from '../http';

const GraphErrorBody = z.looseObject({
  error: z.looseObject({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    error_data: z.looseObject({ details: z.string().optional() }).optional(),
    fbtrace_id: z.string().optional(),
  }),
});

/**
 * Codes that clear by themselves: 1 / 2 temporary, 4 / 80007 app and WABA rate limits, 130429 throughput,
 * 131056 pair rate, 131000 "something went wrong", 133004 server unavailable. Every other code is permanent
 * (131047 outside the window, 131026 undeliverable, 132001 template missing, 368 policy, 100 bad parameter…).
 */
export const RETRYABLE_GRAPH_CODES: ReadonlySet<number> = new Set([
  1, 2, 4, 80007, 130429, 131056, 131000, 133004,
]);

export const TOKEN_INVALID_CODE = 190;

export interface GraphError {
  code: number | null;
  title: string;
  message: string | null;
}

/** The Graph error in a body, or a fallback naming the HTTP status when the body is not one. */
export function graphErrorOf(status: number, body: unknown): GraphError {
  const parsed = GraphErrorBody.safeParse(body);
  if (!parsed.success) return { code: null, title: `HTTP ${status}`, message: null };
  const e = parsed.data.error;
  return {
    code: e.code ?? null,
    title: e.message || `HTTP ${status}`,
    message: e.error_data?.details ?? null,
  };
}

/** The failed outcome for a non-2xx Graph answer. */
export function classifyGraphError(status: number, body: unknown, headers: Headers): FailedSend {
  const { code, title, message } = graphErrorOf(status, body);
  const tokenInvalid = code === TOKEN_INVALID_CODE || status === 401;
  const retryable =
    !tokenInvalid && (isTransient(status) || (code !== null && RETRYABLE_GRAPH_CODES.has(code)));
  // Without Retry-After (Meta rarely sends one) the caller's own backoff decides, even for 130429 / 131056.
  return { ok: false, retryable, code, title, message, retryAfterMs: retryAfterMs(headers), tokenInvalid };
}
