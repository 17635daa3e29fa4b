// The slow modes the ERP and LLM steps are measured under, through the simulators' control APIs, and what
// each simulator saw during a step (its recorded requests since the step's webhook), for the report.
import type { Stack } from '../../lib/stack';
import type { SlowMode } from './latency';

async function control(url: string, method: 'POST' | 'DELETE', body?: unknown): Promise<void> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(5_000),
  });
  if (!res.ok) throw new Error(`${method} ${new URL(url).pathname}: HTTP ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}

/** Requests a simulator recorded at or after `since` (epoch ms), from its GET /_control/requests. */
async function requestsSince(url: string, since: number): Promise<number> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!res.ok) return Number.NaN;
  const body = (await res.json()) as { requests?: { at: string }[] };
  const floor = Math.floor(since);
  return (body.requests ?? []).filter((r) => Date.parse(r.at) >= floor).length;
}

/** The LLM simulator answers every completion `latencyMs` late (its `slow` fault, any key). */
export function llmSlowMode(llmUrl: string, latencyMs: number): SlowMode {
  return {
    describe: `model answers after ${latencyMs} ms`,
    on: () => control(`${llmUrl}/_control/faults`, 'POST', { mode: 'slow', latencyMs }),
    off: () => control(`${llmUrl}/_control/faults?key=*`, 'DELETE'),
  };
}

export const llmCallsSince = (llmUrl: string) => (since: number) =>
  requestsSince(`${llmUrl}/_control/requests`, since);

/** The ERP simulator adds `latencyMs` to every request of the simulated ISP (its latency fault). */
export function erpSlowMode(erpUrl: string, isp: string, latencyMs: number): SlowMode {
  return {
    describe: `ERP answers after ${latencyMs} ms`,
    on: () => control(`${erpUrl}/_control/faults`, 'POST', { isp, latencyMs }),
    off: () => control(`${erpUrl}/_control/faults?isp=${encodeURIComponent(isp)}`, 'DELETE'),
  };
}

export const erpCallsSince = (erpUrl: string, isp: string) => (since: number) =>
  requestsSince(`${erpUrl}/_control/requests?isp=${encodeURIComponent(isp)}`, since);

export interface Simulators {
  erpSlow: SlowMode | null;
  erpCalls: ((since: number) => Promise<number>) | null;
  llmSlow: SlowMode | null;
  llmCalls: ((since: number) => Promise<number>) | null;
  /** Parts the stack did not start, in words for the report. */
  missing: string[];
}

/** The simulated ISP behind the demo tenant (the ERP simulator's `<isp>` path segment). */
const DEMO_ISP = 'demo';

/** The stack's ERP and LLM simulators, when it starts them. */
export function simulatorsOf(stack: Stack, s: { erpLatencyMs: number; llmLatencyMs: number }): Simulators {
  // The dev stack starts both since issue 11; read loosely so the floor still runs on a stack without them.
  const extra = stack as Stack & { erp?: { url: string }; llm?: { url: string } };
  const missing: string[] = [];
  if (!extra.erp) missing.push('ERP step: the stack starts no ERP simulator');
  if (!extra.llm) missing.push('LLM step: the stack starts no LLM simulator');
  return {
    erpSlow: extra.erp ? erpSlowMode(extra.erp.url, DEMO_ISP, s.erpLatencyMs) : null,
    erpCalls: extra.erp ? erpCallsSince(extra.erp.url, DEMO_ISP) : null,
    llmSlow: extra.llm ? llmSlowMode(extra.llm.url, s.llmLatencyMs) : null,
    llmCalls: extra.llm ? llmCallsSince(extra.llm.url) : null,
    missing,
  };
}
