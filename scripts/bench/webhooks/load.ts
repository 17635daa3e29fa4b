// The webhook load itself (runs in the driver child): one-per-customer warm-up, a paced open loop or a closed
// loop, each request a freshly built and signed webhook, with start→200 latency per request.
import { performance } from 'node:perf_hooks';
import { percentile } from '../stats';
import { type Answer, createClient } from './http-client';
import { buildWebhook } from './payload';
import type { WebhookResult, WebhookSpec } from './types';

/** The paced loop never has more than this many requests open; a send that would exceed it is an error. */
const PACED_IN_FLIGHT_CAP = 512;
const MAX_ERROR_SAMPLES = 5;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function errorKey(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return err instanceof Error ? err.message.slice(0, 80) : String(err);
}

function inFlightCap(spec: WebhookSpec): number {
  const p = spec.pacing;
  return p.kind === 'once' ? p.concurrency : p.kind === 'closed' ? p.inFlight : PACED_IN_FLIGHT_CAP;
}

export async function runWebhooks(spec: WebhookSpec): Promise<WebhookResult> {
  const client = createClient(spec.url, inFlightCap(spec));
  const startEpochMs: number[] = [];
  const ackMs: number[] = [];
  const late: number[] = [];
  const errors: Record<string, number> = {};
  const errorSamples: string[] = [];
  let ok = 0;
  let notStored = 0;
  let okInPhase = 0;
  let inFlight = 0;
  let buildMs = 0;
  let phaseEnd = Number.POSITIVE_INFINITY;

  const noteError = (key: string, sample: string) => {
    errors[key] = (errors[key] ?? 0) + 1;
    if (errorSamples.length < MAX_ERROR_SAMPLES) errorSamples.push(sample);
  };
  const onAnswer = (n: number, start: number, a: Answer) => {
    if (a.status !== 200) {
      const retry = a.body.includes('"retry":true') ? ' retry:true' : '';
      noteError(`HTTP ${a.status}${retry}`, `HTTP ${a.status} ${a.body.slice(0, 200)}`);
      return;
    }
    ok++;
    ackMs[n] = a.at - start;
    if (a.at <= phaseEnd) okInPhase++;
    if (spec.expectStored && !a.body.includes('"stored":1')) notStored++;
  };
  /** Builds, signs and sends request n; resolves when it is answered (never rejects). */
  const fire = async (n: number): Promise<void> => {
    const built = performance.now();
    const webhook = buildWebhook(spec, n);
    const start = performance.now();
    buildMs += start - built;
    startEpochMs[n] = performance.timeOrigin + start;
    ackMs[n] = Number.NaN;
    inFlight++;
    try {
      onAnswer(n, start, await client.post(webhook.body, webhook.signature));
    } catch (err) {
      noteError(errorKey(err), String(err));
    } finally {
      inFlight--;
    }
  };

  const cpuBefore = process.cpuUsage();
  const t0 = performance.now();
  let sent = 0;
  const p = spec.pacing;
  if (p.kind === 'once') {
    const worker = async () => {
      while (sent < spec.customers) await fire(sent++);
    };
    await Promise.all(Array.from({ length: p.concurrency }, worker));
  } else if (p.kind === 'closed') {
    phaseEnd = t0 + p.seconds * 1000;
    const worker = async () => {
      while (performance.now() < phaseEnd) await fire(sent++);
    };
    await Promise.all(Array.from({ length: p.inFlight }, worker));
  } else {
    phaseEnd = t0 + p.seconds * 1000;
    const count = p.perSecond * p.seconds;
    const interval = 1000 / p.perSecond;
    const open: Promise<void>[] = [];
    while (sent < count) {
      const due = t0 + sent * interval;
      const now = performance.now();
      if (now < due) {
        await sleep(due - now);
        continue;
      }
      late.push(now - due);
      if (inFlight >= PACED_IN_FLIGHT_CAP) {
        startEpochMs[sent] = Number.NaN;
        ackMs[sent] = Number.NaN;
        noteError('driver in-flight cap', `request ${sent} not sent: ${inFlight} already open`);
      } else open.push(fire(sent));
      sent++;
    }
    // Every request settles: answered, failed, or timed out by the client.
    await Promise.all(open);
  }
  const elapsed = performance.now() - t0;
  const cpu = process.cpuUsage(cpuBefore);
  client.close();
  const errorCount = Object.values(errors).reduce((a, b) => a + b, 0);
  return {
    label: spec.label,
    sent,
    startEpochMs,
    ackMs,
    ok,
    errors,
    errorCount,
    errorSamples,
    notStored,
    okInPhase: Number.isFinite(phaseEnd) ? okInPhase : ok,
    phaseSeconds: (Number.isFinite(phaseEnd) ? phaseEnd - t0 : elapsed) / 1000,
    buildSignUs: sent ? (buildMs * 1000) / sent : Number.NaN,
    lateMsP99: percentile(Float64Array.from(late).sort(), 0.99),
    driverCores: (cpu.user + cpu.system) / 1000 / elapsed,
    connections: client.connections(),
  };
}
