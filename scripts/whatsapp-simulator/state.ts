// Everything the simulator remembers: registered numbers, gateways and templates (configuration, kept by
// reset) and what happened (sends, attempts, receipts, inbound log, faults, media; cleared by reset).
import { createHash } from 'node:crypto';
import { FaultQueue } from './faults';
import { digits } from './http';
import { mediaId, urlToken } from './ids';
import { DEFAULT_TEMPLATES } from './templates';
import type {
  AttemptRecord,
  CloudNumber,
  DeliveryStatus,
  GatewayRegistration,
  InboundLogEntry,
  Provider,
  ReadReceipt,
  SentFilter,
  SentRecord,
  SimTemplate,
} from './types';

export interface StoredMedia {
  id: string;
  provider: Provider;
  /** Owner: phoneNumberId / instance / instanceToken (media faults match on it). */
  address: string;
  bytes: Buffer;
  mimeType: string;
  filename: string | null;
  /** Opaque part of the download URL, like Meta's signed lookaside URLs. */
  token: string;
  /** Gateway message carrying it: gateways fetch media by message id (getBase64FromMediaMessage, download). */
  messageId?: string;
  /** image, document…, when known (gateway inbound media). */
  kind?: string;
}

const RANK: Record<DeliveryStatus, number> = { sent: 1, delivered: 2, read: 3, failed: 4 };

function matches(r: { address: string; to: string }, filter: SentFilter | undefined): boolean {
  if (filter?.address !== undefined && r.address !== filter.address) return false;
  return filter?.to === undefined || r.to === digits(filter.to);
}

export class SimState {
  readonly numbers = new Map<string, Required<CloudNumber>>();
  readonly evolution = new Map<string, Extract<GatewayRegistration, { kind: 'evolution' }>>();
  readonly uazapi = new Map<string, Extract<GatewayRegistration, { kind: 'uazapi' }>>();
  readonly templates = new Map<string, SimTemplate[]>();
  readonly faults = new FaultQueue();
  media = new Map<string, StoredMedia>();
  private sends: SentRecord[] = [];
  private attemptLog: AttemptRecord[] = [];
  receipts: ReadReceipt[] = [];
  inboundLog: InboundLogEntry[] = [];
  private listeners = new Set<(record: SentRecord) => void>();

  registerNumber(n: CloudNumber): void {
    this.numbers.set(n.phoneNumberId, { ...n, verifiedName: n.verifiedName ?? 'Fio Suporte' });
  }

  registerGateway(g: GatewayRegistration): void {
    if (g.kind === 'evolution') this.evolution.set(g.instance, g);
    else this.uazapi.set(g.instanceToken, g);
  }

  templatesFor(wabaId: string): readonly SimTemplate[] {
    return this.templates.get(wabaId) ?? DEFAULT_TEMPLATES;
  }

  /** True when the token belongs to some registered Cloud number (media and templates are per app). */
  knownToken(token: string | undefined): boolean {
    return [...this.numbers.values()].some((n) => n.accessToken === token);
  }

  storeMedia(m: Omit<StoredMedia, 'id' | 'token'>): StoredMedia {
    const stored = { ...m, id: mediaId(), token: urlToken() };
    this.media.set(stored.id, stored);
    return stored;
  }

  mediaOfMessage(provider: Provider, messageId: string): StoredMedia | undefined {
    return [...this.media.values()].find((m) => m.provider === provider && m.messageId === messageId);
  }

  recordSend(record: SentRecord): void {
    this.sends.push(record);
    for (const listener of this.listeners) listener({ ...record });
  }

  recordAttempt(attempt: AttemptRecord): void {
    this.attemptLog.push(attempt);
  }

  /** Keeps the furthest status per send (failed wins), as the product is expected to. */
  markDelivery(externalId: string, status: DeliveryStatus): void {
    const record = this.sends.find((s) => s.externalId === externalId);
    if (record && (record.delivery === null || RANK[status] > RANK[record.delivery]))
      record.delivery = status;
  }

  sent(filter?: SentFilter): SentRecord[] {
    return this.sends.filter((s) => matches(s, filter)).map((s) => ({ ...s }));
  }

  attempts(filter?: SentFilter): AttemptRecord[] {
    return this.attemptLog.filter((a) => matches(a, filter)).map((a) => ({ ...a }));
  }

  /** Calls `listener` with every accepted send (a copy) until the returned function is called. */
  onSend(listener: (record: SentRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  reset(): void {
    this.sends = [];
    this.attemptLog = [];
    this.receipts = [];
    this.inboundLog = [];
    this.media = new Map();
    this.faults.clear();
  }
}

export function sha256(bytes: Buffer, encoding: 'hex' | 'base64'): string {
  return createHash('sha256').update(bytes).digest(encoding);
}
