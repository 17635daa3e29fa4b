// The programmatic handle returned by startWhatsAppSimulator: configuration (numbers, gateways, templates,
// faults), what the product sent, and playing the customer and Meta (webhooks to the worker).
import { sendInbound, sendInboundBatch, sendStatuses } from './cloud-inbound';
import type { SimContext } from './context';
import { customerTap } from './customer-tap';
import { evolutionInbound, uazapiInbound } from './gateway-inbound';
import {
  logout as gatewayLogout,
  resetSessions,
  type Session,
  type SessionTarget,
  scan,
  sessionOf,
} from './gateway-session';
import { metaJson, signBody } from './meta-signing';
import type {
  AttemptRecord,
  BatchResult,
  CloudNumber,
  EvolutionInboundInput,
  Fault,
  FaultTarget,
  GatewayRegistration,
  InboundInput,
  InboundResult,
  ReadReceipt,
  SentFilter,
  SentRecord,
  SimTemplate,
  StatusUpdate,
  TapInput,
  UazapiInboundInput,
  WebhookResult,
} from './types';
import { postToWorker } from './worker-client';

export class WhatsAppSimulator {
  constructor(
    private readonly ctx: SimContext,
    private readonly stopServer: () => Promise<void>,
  ) {}

  /** Base URL, e.g. http://127.0.0.1:8790 (Graph base; gateways under /evolution and /uazapi). */
  get url(): string {
    return this.ctx.baseUrl;
  }

  setWorkerUrl(url: string): void {
    this.ctx.workerUrl = url;
  }

  stop(): Promise<void> {
    return this.stopServer();
  }

  /** Clears sends, attempts, receipts, faults and media; numbers, gateways and templates stay. */
  reset(): void {
    this.ctx.state.reset();
    resetSessions(this.ctx);
  }

  /** The phone logs a gateway instance out: its logout webhooks go to the worker; sends fail until paired. */
  gatewayLogout(target: SessionTarget): Promise<WebhookResult> {
    return gatewayLogout(this.ctx, target);
  }

  /** The phone scans the QR the instance handed out (/instance/connect); null when it was not waiting. */
  gatewayScan(provider: 'evolution' | 'uazapi', address: string): Promise<WebhookResult | null> {
    return scan(this.ctx, provider, address);
  }

  /** A gateway instance's session as the simulator holds it. */
  gatewaySession(provider: 'evolution' | 'uazapi', address: string): Session {
    return sessionOf(this.ctx, provider, address);
  }

  registerNumber(number: CloudNumber): void {
    this.ctx.state.registerNumber(number);
  }

  registerGateway(gateway: GatewayRegistration): void {
    this.ctx.state.registerGateway(gateway);
  }

  /** Replaces the WABA's templates (the defaults boas_vindas and fatura_disponivel are dropped). */
  setTemplates(wabaId: string, templates: SimTemplate[]): void {
    this.ctx.state.templates.set(wabaId, templates);
  }

  injectFaults(target: FaultTarget, faults: Fault[], address?: string, to?: string): void {
    this.ctx.state.faults.push(target, faults, address, to);
  }

  sent(filter?: SentFilter): SentRecord[] {
    return this.ctx.state.sent(filter);
  }

  attempts(filter?: SentFilter): AttemptRecord[] {
    return this.ctx.state.attempts(filter);
  }

  /** Read receipts / typing indicators the product posted (Cloud and gateways; not counted as sends). */
  receipts(): ReadReceipt[] {
    return [...this.ctx.state.receipts];
  }

  /** Calls `listener` with each accepted send as it is recorded (benches time replies by it); returns the
   *  unsubscribe function. */
  onSend(listener: (record: SentRecord) => void): () => void {
    return this.ctx.state.onSend(listener);
  }

  /** Resolves once `sent(filter)` has at least `count` records; rejects after `timeoutMs` (default 5 s). */
  whenSent(count: number, filter?: SentFilter, timeoutMs = 5_000): Promise<SentRecord[]> {
    const state = this.ctx.state;
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = state.sent(filter);
        if (found.length < count) return false;
        done();
        resolve(found);
        return true;
      };
      const unsubscribe = state.onSend(check);
      const timer = setTimeout(() => {
        done();
        const have = state.sent(filter).length;
        reject(
          new Error(
            `whenSent: ${have}/${count} sends matching ${JSON.stringify(filter ?? {})} after ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      const done = () => {
        unsubscribe();
        clearTimeout(timer);
      };
      check();
    });
  }

  inbound(input: InboundInput): Promise<InboundResult> {
    return sendInbound(this.ctx, input);
  }

  inboundBatch(
    entries: { phoneNumberId: string; messages: Omit<InboundInput, 'phoneNumberId'>[] }[],
  ): Promise<BatchResult> {
    return sendInboundBatch(this.ctx, entries);
  }

  statuses(phoneNumberId: string, updates: StatusUpdate[]): Promise<WebhookResult> {
    return sendStatuses(this.ctx, phoneNumberId, updates);
  }

  /** The customer taps a button or list row of an interactive message the product sent (any provider). */
  tap(input: TapInput): Promise<InboundResult> {
    return customerTap(this.ctx, input);
  }

  evolutionInbound(input: EvolutionInboundInput): Promise<InboundResult> {
    return evolutionInbound(this.ctx, input);
  }

  uazapiInbound(input: UazapiInboundInput): Promise<InboundResult> {
    return uazapiInbound(this.ctx, input);
  }

  /** "sha256=<hex>" HMAC of exactly these bytes with the app secret. */
  sign(rawBody: string | Buffer): string {
    return signBody(this.ctx.appSecret, rawBody);
  }

  /** Meta's byte rendering of a payload (escaped unicode and slashes), for hand-built webhook tests. */
  metaJson(payload: unknown): string {
    return metaJson(payload);
  }

  /** POSTs exactly `rawBody` to the worker; signed only when `options.sign` is set (bad-signature tests). */
  postRaw(
    path: string,
    rawBody: string | Buffer,
    headers: Record<string, string> = {},
    options: { sign?: boolean } = {},
  ): Promise<WebhookResult> {
    const signature: Record<string, string> = options.sign
      ? { 'x-hub-signature-256': this.sign(rawBody) }
      : {};
    return postToWorker(this.ctx, path, rawBody, { ...signature, ...headers });
  }
}
