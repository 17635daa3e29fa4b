// The acceptance point, produced for real: Postgres stops taking the archive (the conversation event table held
// under an exclusive lock by another session), a customer keeps writing, the conversation object's outbox
// backlog climbs over ALERT_OUTBOX_BACKLOG (3 in this suite) as reported through the metrics; the minute job
// raises one alert that the tenant's admins read (agents get 403) and the operator's receiver gets validly
// signed; releasing the lock lets the outbox flush, the backlog falls to 0 and the alert resolves, the resolution
// delivered too.
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView } from '../../workers/contract';
import { alertMinute, alertsOf, operatorAttempts, scriptOperator } from './alerts-helpers';
import { ownerClient } from './fresh-tenant';
import { api, eventually, openSocket } from './helpers';
import { type HookTenant, hookTenant, visitor } from './webhook-helpers';

let owner: Client;
let T: HookTenant;

beforeAll(async () => {
  owner = await ownerClient();
  T = await hookTenant(owner, 'alerts-backlog');
  await scriptOperator();
});
afterAll(async () => {
  await owner.end();
});

const backlogAlert = async (state: AlertView['state']) =>
  (await alertsOf(T.admin)).alerts.find((a) => a.kind === 'outbox_backlog' && a.state === state) ?? null;

describe('an outbox backlog over the threshold', () => {
  let raised: AlertView;

  it('raises one alert for the admins and the operator while Postgres refuses the archive', async () => {
    const session = await visitor(T);
    const lock = await ownerClient();
    try {
      await lock.query('begin');
      await lock.query('lock table conversation_events in access exclusive mode');
      const ws = await openSocket(session.conversationId, session.token);
      ws.send({ type: 'hello', since: 0 });
      await ws.next('ready');
      // Acknowledged once stored in the object: the customer is never held up by Postgres.
      for (let i = 0; i < 6; i++) {
        ws.send({
          type: 'message.send',
          clientId: crypto.randomUUID(),
          text: `Mensagem ${i} com o banco parado`,
        });
        await ws.next('ack');
      }
      ws.close();
      raised = await eventually(
        'the backlog alert',
        async () => {
          await alertMinute();
          return backlogAlert('open');
        },
        60_000,
      );
      expect(raised.severity).toBe('warning');
      expect(raised.details.threshold).toBe(3);
      expect(raised.details.value).toBeGreaterThan(3);
      expect(raised.message['pt-BR']).toContain('aguardam gravação no banco');
      // Still held: more minutes do not raise another.
      await alertMinute();
      expect((await alertsOf(T.admin)).alerts.filter((a) => a.kind === 'outbox_backlog')).toHaveLength(1);
      expect((await api('GET', '/api/alerts', T.agent)).status).toBe(403);
      const got = await eventually('the operator delivery', async () => {
        const a = (await operatorAttempts(T.id)).filter((x) => x.body.alert.kind === 'outbox_backlog');
        return a.length > 0 ? a : null;
      });
      expect(got.map((a) => [a.event, a.signature, a.status, a.body.alert.id])).toEqual([
        ['alert.opened', 'valid', 200, raised.id],
      ]);
    } finally {
      await lock.query('rollback').catch(() => {});
      await lock.end();
    }
  });

  it('resolves once the archive drains, and the resolution reaches the operator', async () => {
    const resolved = await eventually(
      'the backlog alert resolved',
      async () => {
        await alertMinute();
        return backlogAlert('resolved');
      },
      60_000,
    );
    expect(resolved.id).toBe(raised.id);
    // Every message made it to Postgres, once.
    const { rows } = await owner.query<{ n: number }>(
      `select count(*)::int as n from conversation_events where tenant_id = $1 and type = 'message.created'`,
      [T.id],
    );
    expect(rows[0]?.n).toBeGreaterThanOrEqual(6);
    const got = (await operatorAttempts(T.id)).filter((x) => x.body.alert.kind === 'outbox_backlog');
    expect(got.map((a) => [a.event, a.signature, a.status])).toEqual([
      ['alert.opened', 'valid', 200],
      ['alert.resolved', 'valid', 200],
    ]);
  });
});
