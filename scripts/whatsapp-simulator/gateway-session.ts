// Both sides of a gateway's WhatsApp session: the phone can log the instance out (the gateway then posts its
// real logout webhooks to the worker and refuses sends, as a disconnected Evolution/Uazapi does), the
// gateway hands out a QR (Baileys-like "2@…" text; Uazapi gives it as an image) and a pairing code, and the
// simulated phone scanning it pairs the instance again (connection open / connected webhooks).
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { renderSVG } from 'uqr';
import type { SimContext } from './context';
import { sendJson } from './http';
import type { WebhookResult } from './types';
import { postToWorker } from './worker-client';

export type SessionState = 'open' | 'close' | 'connecting';

/** Where the gateway posts its webhooks for one instance, as the product configured it. */
export interface SessionTarget {
  provider: 'evolution' | 'uazapi';
  /** Evolution instance name or Uazapi instance token. */
  address: string;
  channelId: string;
  /** Evolution's apikey / Uazapi's token, which the worker checks as the webhook secret. */
  secret: string;
  webhookSecret?: string;
}

export interface Session {
  state: SessionState;
  qr: string | null;
  pairingCode: string | null;
  target: SessionTarget | null;
}

const sessions = new WeakMap<SimContext, Map<string, Session>>();

function all(ctx: SimContext): Map<string, Session> {
  const map = sessions.get(ctx) ?? new Map<string, Session>();
  sessions.set(ctx, map);
  return map;
}

const key = (provider: string, address: string) => `${provider}:${address}`;

/** An instance nobody logged out is paired. */
export function sessionOf(ctx: SimContext, provider: 'evolution' | 'uazapi', address: string): Session {
  return all(ctx).get(key(provider, address)) ?? { state: 'open', qr: null, pairingCode: null, target: null };
}

/** Instances that left the paired state (for the dev page), with the QR drawn while one waits for a scan. */
export function listSessions(ctx: SimContext) {
  return [...all(ctx).entries()].map(([k, s]) => {
    const [provider = '', address = ''] = k.split(/:(.*)/s);
    const { target: _target, ...rest } = s;
    return { provider, address, ...rest, qrSvg: s.qr ? renderSVG(s.qr) : null };
  });
}

export function resetSessions(ctx: SimContext): void {
  all(ctx).clear();
}

function save(ctx: SimContext, provider: 'evolution' | 'uazapi', address: string, s: Session): Session {
  all(ctx).set(key(provider, address), s);
  return s;
}

/** A send through a logged-out instance fails as the real gateway does; true when it answered. */
export function refuseWhenClosed(
  ctx: SimContext,
  res: ServerResponse,
  provider: 'evolution' | 'uazapi',
  address: string,
): boolean {
  if (sessionOf(ctx, provider, address).state === 'open') return false;
  if (provider === 'evolution') {
    sendJson(res, 400, {
      status: 400,
      error: 'Bad Request',
      response: { message: ['Connection Closed'] },
    });
  } else {
    sendJson(res, 503, { error: 'WhatsApp disconnected' });
  }
  return true;
}

const b64 = (n: number) => randomBytes(n).toString('base64');

/** The QR's text as Baileys gives it (ref, noise key, identity key, adv secret), and an 8-character code. */
export function issueQr(ctx: SimContext, provider: 'evolution' | 'uazapi', address: string): Session {
  const current = sessionOf(ctx, provider, address);
  if (current.state === 'open') return current;
  const qr = current.qr ?? `2@${b64(24)},${b64(32)},${b64(32)},${b64(32)}`;
  const pairingCode = current.pairingCode ?? randomBytes(4).toString('hex').toUpperCase();
  const next = save(ctx, provider, address, { ...current, state: 'connecting', qr, pairingCode });
  if (current.state === 'close' && next.target) void emit(ctx, next.target, 'qr', next).catch(() => {});
  return next;
}

/** The QR as Uazapi gives it: an image (SVG here; Uazapi's is a PNG) in a data URL. */
export function qrImage(qr: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(renderSVG(qr)).toString('base64')}`;
}

/** The phone unlinked the device: the instance is closed and the gateway tells the worker. */
export function logout(ctx: SimContext, target: SessionTarget): Promise<WebhookResult> {
  const s = save(ctx, target.provider, target.address, {
    state: 'close',
    qr: null,
    pairingCode: null,
    target,
  });
  return emit(ctx, target, 'logout', s);
}

/** The phone scanned the QR: paired again. Refused (null) unless the instance was waiting for a scan. */
export async function scan(
  ctx: SimContext,
  provider: 'evolution' | 'uazapi',
  address: string,
): Promise<WebhookResult | null> {
  const current = sessionOf(ctx, provider, address);
  if (current.state !== 'connecting' || !current.target) return null;
  const s = save(ctx, provider, address, {
    state: 'open',
    qr: null,
    pairingCode: null,
    target: current.target,
  });
  return emit(ctx, current.target, 'open', s);
}

function emit(
  ctx: SimContext,
  t: SessionTarget,
  what: 'logout' | 'qr' | 'open',
  s: Session,
): Promise<WebhookResult> {
  const auth: Record<string, string> =
    t.provider === 'evolution' ? { apikey: t.secret } : { token: t.secret };
  if (t.webhookSecret) auth['x-fio-webhook-secret'] = t.webhookSecret;
  const path = `/webhooks/${t.provider}/${encodeURIComponent(t.channelId)}`;
  return postToWorker(ctx, path, JSON.stringify(payload(t, what, s)), auth);
}

function payload(t: SessionTarget, what: 'logout' | 'qr' | 'open', s: Session): Record<string, unknown> {
  const now = new Date().toISOString();
  if (t.provider === 'evolution') {
    const envelope = { instance: t.address, date_time: now, apikey: t.secret };
    if (what === 'qr') {
      const qrcode = {
        instance: t.address,
        pairingCode: s.pairingCode,
        code: s.qr,
        base64: qrImage(s.qr ?? ''),
      };
      return { ...envelope, event: 'qrcode.updated', data: { qrcode } };
    }
    const data =
      what === 'open'
        ? { instance: t.address, state: 'open', statusReason: 200 }
        : { instance: t.address, state: 'close', statusReason: 401 };
    return { ...envelope, event: 'connection.update', data };
  }
  const instance =
    what === 'open'
      ? { status: 'connected', qrcode: '', paircode: '' }
      : what === 'qr'
        ? { status: 'connecting', qrcode: qrImage(s.qr ?? ''), paircode: s.pairingCode }
        : { status: 'disconnected', lastDisconnectReason: 'logged out from another device' };
  return { EventType: 'connection', instanceName: t.address, token: t.secret, instance };
}
