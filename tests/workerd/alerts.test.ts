// Alerts from the conditions Postgres knows, through the real minute job (workers/alerts/evaluate.ts) and the
// operator webhook receiver on a real socket: a number turning unhealthy raises one alert (not one per minute)
// that its admins see and agents may not read, delivered to the operator once, validly signed; healing resolves
// it and the resolution is delivered too; a receiver that fails first still gets each transition exactly once;
// the SLA breach rate on a hand-counted fixture; acknowledging; bad input and another tenant's alert.
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView } from '../../workers/contract';
import { alertMinute, alertsOf, operatorAttempts, scriptOperator } from './alerts-helpers';
import { type FreshTenant, freshTenant, ownerClient } from './fresh-tenant';
import { api, errorCode, eventually } from './helpers';

let owner: Client;
let T: FreshTenant;
let other: FreshTenant;
let channelId: string;

const admin = () => T.tokens.admin as string;

async function setHealth(status: 'healthy' | 'unhealthy') {
  await owner.query(
    `update channels set health_status = $2, health_code = $3, health_changed_at = now() where id = $1`,
    [channelId, status, status === 'unhealthy' ? 'invalid_token' : null],
  );
}

beforeAll(async () => {
  owner = await ownerClient();
  T = await freshTenant(owner, 'alerts', ['admin', 'supervisor', 'agent']);
  other = await freshTenant(owner, 'alerts-other', ['admin']);
  const ch = await owner.query<{ id: string }>(
    `insert into channels (tenant_id, kind, name, address) values ($1, 'evolution', 'Suporte Centro', $2)
     returning id::text as id`,
    [T.id, `alerts-${crypto.randomUUID().slice(0, 8)}`],
  );
  channelId = ch.rows[0]?.id as string;
  await scriptOperator();
});
afterAll(async () => {
  await owner.end();
});

describe('a number turning unhealthy', () => {
  let opened: AlertView;

  it('raises one alert, however many minutes it stays unhealthy', async () => {
    await setHealth('unhealthy');
    await alertMinute();
    await alertMinute();
    await alertMinute();
    const list = await alertsOf(admin());
    const mine = list.alerts.filter((a) => a.kind === 'channel_unhealthy');
    expect(mine).toHaveLength(1);
    opened = mine[0] as AlertView;
    expect(opened).toMatchObject({
      subject: channelId,
      severity: 'critical',
      state: 'open',
      resolvedAt: null,
      acknowledgedAt: null,
      details: { channelName: 'Suporte Centro', code: 'invalid_token' },
    });
    expect(opened.message['pt-BR']).toContain('Suporte Centro');
    expect(opened.message.en).toContain('Suporte Centro');
    expect(list.unacknowledged).toBe(1);
  });

  it('reaches the operator once, validly signed, with the delivery id as its body id', async () => {
    const got = await eventually('the opened delivery', async () => {
      const a = await operatorAttempts(T.id);
      return a.length > 0 ? a : null;
    });
    expect(got).toHaveLength(1);
    const [first] = got;
    expect(first).toMatchObject({ signature: 'valid', status: 200, event: 'alert.opened' });
    expect(first?.body.id).toBe(first?.deliveryId);
    expect(first?.body.alert).toMatchObject({ id: opened.id, kind: 'channel_unhealthy', subject: channelId });
    expect(first?.body.alert.message['pt-BR']).toBe(opened.message['pt-BR']);
  });

  it('is for admins: supervisors and agents get 403, and another tenant sees none of it', async () => {
    for (const role of ['agent', 'supervisor'] as const) {
      const res = await api('GET', '/api/alerts', T.tokens[role] as string);
      expect(res.status).toBe(403);
      expect(errorCode(res.body)).toBe('forbidden');
    }
    expect((await alertsOf(other.tokens.admin as string)).alerts).toEqual([]);
  });

  it('resolves when the number heals, and the resolution reaches the operator once', async () => {
    await setHealth('healthy');
    await alertMinute();
    await alertMinute();
    const list = await alertsOf(admin());
    const mine = list.alerts.filter((a) => a.kind === 'channel_unhealthy');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ id: opened.id, state: 'resolved' });
    expect(mine[0]?.resolvedAt).not.toBeNull();
    expect(list.unacknowledged).toBe(0);
    const got = await operatorAttempts(T.id);
    expect(got.map((a) => [a.event, a.signature, a.body.alert.id])).toEqual([
      ['alert.opened', 'valid', opened.id],
      ['alert.resolved', 'valid', opened.id],
    ]);
    expect(got[1]?.body.alert.resolvedAt).toBe(mine[0]?.resolvedAt);
    expect(new Set(got.map((a) => a.deliveryId)).size).toBe(2);
  });

  it('raises a new alert when it turns unhealthy again; an operator receiver failing first gets it once', async () => {
    await scriptOperator({ failTimes: 1 });
    await setHealth('unhealthy');
    await alertMinute();
    const list = await alertsOf(admin(), '?state=open');
    expect(list.alerts).toHaveLength(1);
    const again = list.alerts[0] as AlertView;
    expect(again.id).not.toBe(opened.id);
    // The first attempt met a 500; the retry (WEBHOOK_RETRY_SCHEDULE_MS: 300 ms in this suite) goes on a later run.
    const failed = await operatorAttempts(T.id);
    expect(failed.filter((a) => a.body.alert.id === again.id).map((a) => a.status)).toEqual([500]);
    const retried = await eventually('the retried delivery', async () => {
      await new Promise((r) => setTimeout(r, 350));
      await alertMinute();
      const a = (await operatorAttempts(T.id)).filter((x) => x.body.alert.id === again.id);
      return a.some((x) => x.status === 200) ? a : null;
    });
    expect(retried.map((a) => a.status)).toEqual([500, 200]);
    expect(retried[0]?.deliveryId).toBe(retried[1]?.deliveryId);
    // Nothing more arrives for it on later runs.
    await alertMinute();
    expect((await operatorAttempts(T.id)).filter((x) => x.body.alert.id === again.id)).toHaveLength(2);
    await setHealth('healthy');
    await alertMinute();
  });
});

describe('acknowledging', () => {
  it('keeps the alert open, drops it from the badge, and keeps the first acknowledgement', async () => {
    await setHealth('unhealthy');
    await alertMinute();
    const open = (await alertsOf(admin(), '?state=open')).alerts[0] as AlertView;
    expect((await alertsOf(admin())).unacknowledged).toBe(1);
    const res = await api<{ alert: AlertView }>('POST', `/api/alerts/${open.id}/acknowledge`, admin());
    expect(res.status).toBe(200);
    expect(res.body.alert).toMatchObject({ id: open.id, state: 'open', acknowledgedBy: T.userIds.admin });
    const again = await api<{ alert: AlertView }>('POST', `/api/alerts/${open.id}/acknowledge`, admin());
    expect(again.body.alert.acknowledgedAt).toBe(res.body.alert.acknowledgedAt);
    expect((await alertsOf(admin())).unacknowledged).toBe(0);
    await setHealth('healthy');
    await alertMinute();
  });

  it('answers 404 for an unknown, malformed or another tenant id, and 403 to an agent, changing nothing', async () => {
    const [mine] = (await alertsOf(admin())).alerts;
    const id = mine?.id as string;
    for (const bad of [crypto.randomUUID(), 'nao-e-um-id', id.toUpperCase()]) {
      const res = await api('POST', `/api/alerts/${bad}/acknowledge`, admin());
      expect(res.status).toBe(404);
      expect(errorCode(res.body)).toBe('not_found');
    }
    const otherAdmin = other.tokens.admin as string;
    await owner.query(`update alerts set acknowledged_at = null, acknowledged_by = null where id = $1`, [id]);
    const cross = await api('POST', `/api/alerts/${id}/acknowledge`, otherAdmin);
    expect(cross.status).toBe(404);
    const agent = await api('POST', `/api/alerts/${id}/acknowledge`, T.tokens.agent as string);
    expect(agent.status).toBe(403);
    const row = await owner.query(`select acknowledged_at from alerts where id = $1`, [id]);
    expect(row.rows[0]?.acknowledged_at).toBeNull();
  });

  it('refuses a bad list query with the one envelope', async () => {
    for (const q of ['?state=closed', '?limit=0', '?limit=500', '?sort=x']) {
      const res = await api<{ error: { code: string; requestId: string } }>(
        'GET',
        `/api/alerts${q}`,
        admin(),
      );
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.requestId).toBeTruthy();
    }
  });
});

describe('the SLA breach rate over the last hour', () => {
  let S: FreshTenant;
  let conversationIds: string[] = [];

  /** `total` tickets under a policy opened 10 minutes ago, `breached` of them with a breached target. */
  async function tickets(total: number, breached: number, openedAgo = '10 minutes') {
    for (let i = 0; i < total; i++) {
      const conversationId = conversationIds[i] as string;
      await owner.query(
        `insert into tickets (tenant_id, conversation_id, protocol, status, sla, sla_breaches, opened_at, closed_at)
         values ($1, $2, $3, 'closed', '{}'::jsonb, $4, now() - $5::interval, now() - $5::interval + interval '1 minute')`,
        [S.id, conversationId, `P${crypto.randomUUID().slice(0, 12)}`, i < breached ? 1 : 0, openedAgo],
      );
    }
  }

  beforeAll(async () => {
    S = await freshTenant(owner, 'alerts-sla', ['admin']);
    const ch = await owner.query<{ id: string }>(
      `insert into channels (tenant_id, kind, name) values ($1, 'widget', 'Site') returning id::text as id`,
      [S.id],
    );
    conversationIds = [];
    for (let i = 0; i < 12; i++) {
      const c = await owner.query<{ id: string }>(
        `insert into contacts (tenant_id, name) values ($1, $2) returning id::text as id`,
        [S.id, `Cliente ${i}`],
      );
      const v = await owner.query<{ id: string }>(
        `insert into conversations (tenant_id, channel_id, contact_id) values ($1, $2, $3) returning id::text as id`,
        [S.id, ch.rows[0]?.id, c.rows[0]?.id],
      );
      conversationIds.push(v.rows[0]?.id as string);
    }
  });

  const slaAlerts = async () =>
    (await alertsOf(S.tokens.admin as string)).alerts.filter((a) => a.kind === 'sla_breach_rate');

  it('stays quiet at 2 of 10 (20 %, threshold 25 %) and with tickets older than the hour', async () => {
    await tickets(10, 2);
    // Older than the hour: 10 more breached tickets that must not count.
    await tickets(10, 10, '3 hours');
    await alertMinute();
    expect(await slaAlerts()).toEqual([]);
  });

  it('raises at 3 of 10 (30 %) with the counts in its words', async () => {
    await owner.query(
      `update tickets set sla_breaches = 1 where id = (select id from tickets where tenant_id = $1
         and sla_breaches = 0 and opened_at > now() - interval '1 hour' limit 1)`,
      [S.id],
    );
    await alertMinute();
    const [alert] = await slaAlerts();
    expect(alert).toMatchObject({
      state: 'open',
      severity: 'warning',
      details: { tickets: 10, breached: 3, percent: 30, threshold: 25 },
    });
    expect(alert?.message['pt-BR']).toBe(
      '3 de 10 atendimentos da última hora estouraram o SLA (30%, limite 25%).',
    );
  });

  it('resolves when the rate falls', async () => {
    await owner.query(`update tickets set sla_breaches = 0 where tenant_id = $1`, [S.id]);
    await alertMinute();
    const [alert] = await slaAlerts();
    expect(alert?.state).toBe('resolved');
  });
});
