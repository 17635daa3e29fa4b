// The LLM simulator's memory: faults and scripted answers per API key ("*" for any key), and every request
// it received (body + key), so tests can assert what the model was sent. Validated at the control API.
import { z } from 'zod';

export const ANY_KEY = '*';

export const FaultBody = z.object({
  key: z.string().min(1).default(ANY_KEY),
  /** rate_limited → 429 (Retry-After), error → 500, hang → never answers, slow → answers after latencyMs,
   *  down → the connection is reset without an answer. */
  mode: z.enum(['rate_limited', 'error', 'hang', 'slow', 'down']),
  /** For rate_limited: seconds ("2") or an HTTP date; default "1". */
  retryAfter: z.string().min(1).max(64).optional(),
  /** For slow: added before answering. */
  latencyMs: z.number().int().min(0).max(120_000).optional(),
  /** How many requests it applies to; unlimited when absent. */
  count: z.number().int().min(1).optional(),
});
export type Fault = z.infer<typeof FaultBody>;

const ScriptedToolCall = z.object({
  name: z.string().min(1),
  arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).default({}),
});
export const ScriptedResponse = z.object({
  content: z.string().nullable().default(null),
  toolCalls: z.array(ScriptedToolCall).default([]),
});
export type ScriptedResponse = z.infer<typeof ScriptedResponse>;
export const ScriptBody = z.object({
  key: z.string().min(1).default(ANY_KEY),
  responses: z.array(ScriptedResponse).min(1).max(100),
});

export interface RecordedRequest {
  at: string;
  key: string | null;
  path: string;
  /** The JSON body as received (null when it was not JSON). */
  body: unknown;
  /** What the simulator answered: an HTTP status, or "hang" / "down". */
  outcome: number | 'hang' | 'down';
}

/** At most this many requests are kept (oldest dropped): a long dev session must not grow forever. */
const MAX_RECORDED = 5000;

export class LlmSimState {
  private faults = new Map<string, { fault: Fault; remaining: number | null }>();
  private scripts = new Map<string, ScriptedResponse[]>();
  requests: RecordedRequest[] = [];

  setFault(fault: Fault | null, key: string): void {
    if (fault === null) this.faults.delete(key);
    else this.faults.set(key, { fault, remaining: fault.count ?? null });
  }

  /** The fault for this key (its own first, then "*"), counting it down. */
  takeFault(key: string | null): Fault | null {
    for (const k of [key ?? '', ANY_KEY]) {
      const entry = this.faults.get(k);
      if (!entry) continue;
      if (entry.remaining !== null && --entry.remaining <= 0) this.faults.delete(k);
      return entry.fault;
    }
    return null;
  }

  pushScript(key: string, responses: ScriptedResponse[]): void {
    this.scripts.set(key, [...(this.scripts.get(key) ?? []), ...responses]);
  }

  takeScript(key: string | null): ScriptedResponse | null {
    for (const k of [key ?? '', ANY_KEY]) {
      const queue = this.scripts.get(k);
      const next = queue?.shift();
      if (next) return next;
    }
    return null;
  }

  record(request: RecordedRequest): void {
    this.requests.push(request);
    if (this.requests.length > MAX_RECORDED) this.requests.splice(0, this.requests.length - MAX_RECORDED);
  }

  requestsFor(key: string | null): RecordedRequest[] {
    return key === null ? this.requests : this.requests.filter((r) => r.key === key);
  }

  /** Everything, or only what concerns one key (parallel test files each reset their own keys). */
  reset(key: string | null): void {
    if (key === null) {
      this.faults.clear();
      this.scripts.clear();
      this.requests = [];
      return;
    }
    this.faults.delete(key);
    this.scripts.delete(key);
    this.requests = this.requests.filter((r) => r.key !== key);
  }
}
