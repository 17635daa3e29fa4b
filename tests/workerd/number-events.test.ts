// What a provider says about a number, applied to its health: the limiter's condition (unhealthy while it
// lasts, whatever the sends do; cleared only by the matching event; older events ignored; kept across an
// eviction), and applyNumberEvents on real Postgres: one alert per change with its code, a repeated event
// changing nothing, the pairing state of gateway numbers, and the admin health view wording by code.
import { evictDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { flattenEvolutionWebhook } from '../../workers/channels/evolution/webhook-payload';
import type { NumberEvent } from '../../workers/channels/inbound';
import { flattenUazapiWebhook } from '../../workers/channels/uazapi/webhook-payload';
import type { ChannelHealthResponse } from '../../workers/contract';
import { numberLimiterName } from '../../workers/services/conversation-names';
import { applyNumberEvents } from '../../workers/services/number-events';
import { sha256Hex } from '../../workers/services/secret-hash';
import { ACME } from '../support/fixtures';
import { asTenant, openClient } from './db-helpers';
import { api, call, login } from './helpers';

const [acmeAdmin] = ACME.users as [(typeof ACME.users)[number]];

let client: Client;
let tenantId: string;
let token: string;

beforeAll(async () => {
  client = await openClient();
  ({ tenantId, token } = await login(acmeAdmin.email, acmeAdmin.password));
});

afterAll(async () => {
  await client?.end();
});

const failed = () => ({ ok: false, code: null, tokenInvalid: false, at: Date.now() });
const succeeded = () => ({ ok: true, code: null, tokenInvalid: false, at: Date.now() });

function limiterFor(channelId: string, tenant = tenantId) {
  return env.NUMBER_LIMITERS.getByName(numberLimiterName(tenant, channelId));
}

async function channel(kind: 'whatsapp_cloud' | 'evolution' | 'uazapi', secret: string | null = null) {
  const address = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  const hash = secret ? await sha256Hex(secret) : null;
  const id = await asTenant(client, tenantId, async () => {
    const r = await client.query<{ id: string }>(
      `insert into channels (tenant_id, kind, name, address, webhook_secret_hash)
       values ($1, $2, 'Saúde', $3, $4) returning id`,
      [tenantId, kind, address, hash],
    );
    return r.rows[0]?.id as string;
  });
  return { tenantId, channelId: id, kind, address };
}

interface Row {
  health_status: string;
  health_code: string | null;
  health_params: Record<string, string> | null;
  pairing_state: string | null;
}

async function row(channelId: string): Promise<Row> {
  return asTenant(client, tenantId, async () => {
    const r = await client.query<Row>(
      'select health_status, health_code, health_params, pairing_state from channels where id = $1',
      [channelId],
    );
    return r.rows[0] as Row;
  });
}

async function alerts(channelId: string): Promise<{ status: string; code: string | null }[]> {
  return asTenant(client, tenantId, async () => {
    const r = await client.query<{ status: string; code: string | null }>(
      'select status, code from channel_alerts where channel_id = $1 order by created_at, id',
      [channelId],
    );
    return r.rows;
  });
}

let clock = Date.now();
function event(address: string, kind: NumberEvent['kind'], detail: string | null = null): NumberEvent {
  clock += 1000;
  return { address, kind, detail, at: new Date(clock) };
}

describe('NumberLimiterDO.setCondition', () => {
  it('keeps the number unhealthy while set, whatever the sends do, and heals when cleared', async () => {
    const stub = limiterFor(crypto.randomUUID(), crypto.randomUUID());
    const at = Date.now();
    const set = await stub.setCondition({ code: 'logged_out', at });
    expect(set).toMatchObject({ status: 'unhealthy', changed: true, condition: { code: 'logged_out' } });
    expect(await stub.setCondition({ code: 'logged_out', at: at + 1 })).toMatchObject({ changed: false });
    for (let i = 0; i < 6; i++) {
      expect(await stub.report(succeeded())).toMatchObject({ status: 'unhealthy', changed: false });
    }
    // Another reason while unhealthy is a change (a new alert says why), the status is not.
    expect(await stub.setCondition({ code: 'disconnected', at: at + 2 })).toMatchObject({
      status: 'unhealthy',
      changed: true,
      condition: { code: 'disconnected' },
    });
    const cleared = await stub.setCondition({ code: null, at: at + 3 });
    expect(cleared).toMatchObject({ status: 'healthy', changed: true, condition: null });
    expect(await stub.setCondition({ code: null, at: at + 4 })).toMatchObject({ changed: false });
  });

  it('ignores an event older than the last one, and a clear meant for another condition', async () => {
    const stub = limiterFor(crypto.randomUUID(), crypto.randomUUID());
    const at = Date.now();
    await stub.setCondition({ code: 'banned', params: { state: 'BANNED' }, at });
    expect(await stub.setCondition({ code: null, at: at - 5000 })).toMatchObject({
      status: 'unhealthy',
      changed: false,
    });
    // Quality GREEN lifts only a RED rating, not a ban.
    expect(await stub.setCondition({ code: null, only: ['quality_red'], at: at + 1 })).toMatchObject({
      status: 'unhealthy',
      changed: false,
      condition: { code: 'banned', params: { state: 'BANNED' } },
    });
    expect(await stub.setCondition({ code: null, only: ['banned'], at: at + 2 })).toMatchObject({
      status: 'healthy',
      changed: true,
    });
  });

  it('clearing leaves a number whose sends keep failing unhealthy, now for its error rate', async () => {
    const stub = limiterFor(crypto.randomUUID(), crypto.randomUUID());
    await stub.setCondition({ code: 'disconnected', at: Date.now() });
    for (let i = 0; i < 5; i++) await stub.report(failed());
    const cleared = await stub.setCondition({ code: null, at: Date.now() + 1 });
    expect(cleared).toMatchObject({ status: 'unhealthy', changed: true, condition: null, failed: 5 });
  });

  it('keeps the condition across an eviction', async () => {
    const stub = limiterFor(crypto.randomUUID(), crypto.randomUUID());
    await stub.setCondition({ code: 'quality_red', params: { quality: 'RED' }, at: Date.now() });
    await evictDurableObject(stub);
    expect(await stub.health()).toMatchObject({
      status: 'unhealthy',
      condition: { code: 'quality_red', params: { quality: 'RED' } },
    });
  });

  it('refuses codes that are not provider conditions and malformed input', async () => {
    const stub = limiterFor(crypto.randomUUID(), crypto.randomUUID());
    for (const bad of [
      { code: 'paired', at: Date.now() },
      { code: 'logged_out', at: -1 },
      { code: 'logged_out', at: Date.now(), extra: true },
    ]) {
      // Settled here rather than through expect().rejects, which leaves the RPC rejection reported unhandled.
      const error = await stub.setCondition(bad as never).then(
        () => null,
        (e: unknown) => e,
      );
      expect((error as Error).message).toMatch(/^NumberLimiterDO\.setCondition: invalid input/);
    }
    expect(await stub.health()).toMatchObject({ status: 'healthy', condition: null });
  });
});

describe('applyNumberEvents', () => {
  it('logged out → unhealthy with one alert, repeated → nothing, paired → healthy again', async () => {
    const ch = await channel('evolution');
    expect(await applyNumberEvents(env, ch, [event(ch.address, 'logged_out')])).toEqual({ changes: 1 });
    expect(await row(ch.channelId)).toMatchObject({
      health_status: 'unhealthy',
      health_code: 'logged_out',
      pairing_state: 'logged_out',
    });
    expect(
      await applyNumberEvents(env, ch, [event(ch.address, 'logged_out'), event(ch.address, 'qr', 'QR')]),
    ).toEqual({ changes: 0 });
    expect(await row(ch.channelId)).toMatchObject({ health_code: 'logged_out', pairing_state: 'qr' });
    expect(await alerts(ch.channelId)).toEqual([{ status: 'unhealthy', code: 'logged_out' }]);

    await applyNumberEvents(env, ch, [event(ch.address, 'connecting'), event(ch.address, 'paired')]);
    expect(await row(ch.channelId)).toMatchObject({
      health_status: 'healthy',
      health_code: 'paired',
      pairing_state: 'paired',
    });
    expect(await applyNumberEvents(env, ch, [event(ch.address, 'paired')])).toEqual({ changes: 0 });
    expect(await alerts(ch.channelId)).toEqual([
      { status: 'unhealthy', code: 'logged_out' },
      { status: 'healthy', code: 'paired' },
    ]);

    const health = await api<z.infer<typeof ChannelHealthResponse>>(
      'GET',
      `/api/channels/${ch.channelId}/health`,
      token,
    );
    expect(health.status).toBe(200);
    expect(health.body.channel.health).toMatchObject({ status: 'healthy', code: 'paired', params: null });
    expect(health.body.alerts.map((a) => [a.status, a.code])).toEqual([
      ['healthy', 'paired'],
      ['unhealthy', 'logged_out'],
    ]);
  });

  it('a disconnect then a logout are two alerts (the reason moved), one re-pair heals', async () => {
    const ch = await channel('uazapi');
    await applyNumberEvents(env, ch, [
      event(ch.address, 'disconnected'),
      event(ch.address, 'logged_out'),
      event(ch.address, 'paired'),
    ]);
    expect(await alerts(ch.channelId)).toEqual([
      { status: 'unhealthy', code: 'disconnected' },
      { status: 'unhealthy', code: 'logged_out' },
      { status: 'healthy', code: 'paired' },
    ]);
  });

  it('Cloud quality RED and a ban: codes with params, GREEN lifts only the rating, no pairing state', async () => {
    const ch = await channel('whatsapp_cloud');
    await applyNumberEvents(env, ch, [event(ch.address, 'quality', 'RED')]);
    expect(await row(ch.channelId)).toMatchObject({
      health_status: 'unhealthy',
      health_code: 'quality_red',
      health_params: { quality: 'RED' },
      pairing_state: null,
    });
    await applyNumberEvents(env, ch, [event(ch.address, 'quality', 'GREEN')]);
    expect(await row(ch.channelId)).toMatchObject({ health_status: 'healthy', health_code: 'restored' });
    await applyNumberEvents(env, ch, [
      event(ch.address, 'banned', 'BANNED'),
      event(ch.address, 'quality', 'YELLOW'),
    ]);
    expect(await row(ch.channelId)).toMatchObject({
      health_status: 'unhealthy',
      health_code: 'banned',
      health_params: { state: 'BANNED' },
    });
    await applyNumberEvents(env, ch, [event(ch.address, 'restored')]);
    expect((await alerts(ch.channelId)).map((a) => a.code)).toEqual([
      'quality_red',
      'restored',
      'banned',
      'restored',
    ]);
  });
});

describe('gateway connection webhooks', () => {
  const at = new Date('2026-12-03T12:00:00Z');
  const evo = (event: string, data: unknown) =>
    flattenEvolutionWebhook({ event, instance: 'fio-1', data }, at).numberEvents.map((e) => [
      e.kind,
      e.detail ?? null,
    ]);
  const uaz = (instance: unknown) =>
    flattenUazapiWebhook({ EventType: 'connection', instanceName: 'uaz-1', instance }, at).numberEvents.map(
      (e) => [e.kind, e.detail ?? null],
    );

  it('reads Evolution connection.update, qrcode.updated and logout.instance', () => {
    expect(evo('connection.update', { instance: 'fio-1', state: 'close', statusReason: 401 })).toEqual([
      ['logged_out', null],
    ]);
    expect(evo('CONNECTION_UPDATE', { state: 'close', statusReason: 428 })).toEqual([['disconnected', null]]);
    expect(evo('connection.update', { state: 'connecting' })).toEqual([['connecting', null]]);
    expect(evo('connection.update', { state: 'open', statusReason: 200 })).toEqual([['paired', null]]);
    expect(
      evo('qrcode.updated', { qrcode: { base64: 'data:image/png;base64,AA', code: '2@abc,def' } }),
    ).toEqual([['qr', '2@abc,def']]);
    expect(evo('logout.instance', { instance: 'fio-1' })).toEqual([['logged_out', null]]);
    // Nothing readable inside: no event, no error.
    expect(evo('connection.update', { state: 42 })).toEqual([]);
    expect(evo('connection.update', null)).toEqual([]);
  });

  it('reads Uazapi connection events', () => {
    expect(uaz({ status: 'disconnected', lastDisconnectReason: 'logged out from another device' })).toEqual([
      ['logged_out', null],
    ]);
    expect(uaz({ status: 'disconnected', lastDisconnectReason: 'Network error' })).toEqual([
      ['disconnected', null],
    ]);
    expect(uaz({ status: 'connecting', qrcode: '2@xyz', paircode: 'ABCD-1234' })).toEqual([['qr', '2@xyz']]);
    expect(uaz({ status: 'connecting', qrcode: 'data:image/png;base64,AA' })).toEqual([['qr', null]]);
    expect(uaz({ status: 'connecting' })).toEqual([['connecting', null]]);
    expect(uaz({ status: 'connected' })).toEqual([['paired', null]]);
    expect(uaz('garbage')).toEqual([]);
  });

  it('a logout webhook through the real route turns the number unhealthy once; re-pairing restores it', async () => {
    const ch = await channel('evolution', 'evo-secret');
    const post = (event: string, data: unknown, secret = 'evo-secret') =>
      call(`/webhooks/evolution/${ch.channelId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-fio-webhook-secret': secret },
        body: JSON.stringify({ event, instance: ch.address, data }),
      });
    // A wrong secret changes nothing.
    expect((await post('logout.instance', {}, 'wrong')).status).toBe(401);
    expect(await row(ch.channelId)).toMatchObject({ health_status: 'healthy', pairing_state: null });

    const first = await post('connection.update', { state: 'close', statusReason: 401 });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ healthChanges: 1 });
    const again = await post('logout.instance', {});
    expect(await again.json()).toMatchObject({ healthChanges: 0 });
    expect(await row(ch.channelId)).toMatchObject({ health_status: 'unhealthy', health_code: 'logged_out' });
    await post('qrcode.updated', { qrcode: { code: '2@abc' } });
    expect(await row(ch.channelId)).toMatchObject({ pairing_state: 'qr' });
    await post('connection.update', { state: 'open' });
    expect(await row(ch.channelId)).toMatchObject({
      health_status: 'healthy',
      health_code: 'paired',
      pairing_state: 'paired',
    });
    expect(await alerts(ch.channelId)).toEqual([
      { status: 'unhealthy', code: 'logged_out' },
      { status: 'healthy', code: 'paired' },
    ]);
  });

  it('a Uazapi disconnect through the real route', async () => {
    const ch = await channel('uazapi', 'uaz-token');
    const res = await call(`/webhooks/uazapi/${ch.channelId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        EventType: 'connection',
        instanceName: ch.address,
        token: 'uaz-token',
        instance: { status: 'disconnected', lastDisconnectReason: 'Network error' },
      }),
    });
    expect(res.status).toBe(200);
    expect(await row(ch.channelId)).toMatchObject({
      health_status: 'unhealthy',
      health_code: 'disconnected',
      pairing_state: 'connecting',
    });
  });
});
