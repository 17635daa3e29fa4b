// What the two gateways' send endpoints share: body schemas, media size from base64 or URL, injected faults,
// and recording of attempts and accepted sends.
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { SimContext } from './context';
import { applyFault } from './faults';
import { digits } from './http';
import { gatewayMessageId } from './ids';
import type { Provider, SentInteractive, SentMedia, SentRecord } from './types';

export const GATEWAY_MEDIA = ['image', 'document', 'audio', 'video'] as const;

export const TextBody = z.looseObject({ number: z.string().min(1), text: z.string().min(1) });

/** Media sent as base64 (size known) or as a URL (not fetched: no network beyond loopback). */
export function mediaSize(file: string): number | null {
  if (/^https?:\/\//i.test(file)) return null;
  const base64 = file.replace(/^data:[^,]*,/, '');
  return Buffer.from(base64, 'base64').length;
}

export type GatewaySend = Pick<SentRecord, 'to' | 'type' | 'text'> & {
  media?: SentMedia;
  interactive?: SentInteractive;
};

export interface GatewayRequest {
  provider: Exclude<Provider, 'cloud'>;
  address: string;
  at: number;
  body: Record<string, unknown>;
}

export function zodMessages(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
}

/** Applies a pending 'send' fault; true when it answered (the attempt is recorded then). */
export async function gatewayFault(
  ctx: SimContext,
  res: ServerResponse,
  r: GatewayRequest,
): Promise<boolean> {
  const fault = ctx.state.faults.take('send', r.address);
  if (!fault) return false;
  return applyFault(res, fault, r.provider, ctx.signal, (status) => recordAttempt(ctx, r, status));
}

export function recordAttempt(ctx: SimContext, r: GatewayRequest, status: number, externalId?: string): void {
  const to = digits(typeof r.body.number === 'string' ? r.body.number : '');
  // Uazapi names the media kind `type`, Evolution `mediatype`; plain text sends have neither.
  const type = [r.body.type, r.body.mediatype].find((v) => typeof v === 'string') ?? 'text';
  const base = { at: r.at, provider: r.provider, address: r.address, to, type, text: null, reference: null };
  ctx.state.recordAttempt({ ...base, externalId: externalId ?? null, status });
}

/** Records an accepted send and returns its new message id. */
export function accept(ctx: SimContext, r: GatewayRequest, send: GatewaySend, status: number): string {
  const externalId = gatewayMessageId();
  const common = { at: r.at, provider: r.provider, address: r.address, reference: null, externalId, ...send };
  ctx.state.recordAttempt({ ...common, status });
  ctx.state.recordSend({ ...common, delivery: null });
  return externalId;
}
