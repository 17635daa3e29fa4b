// SLA clocks with the object's clock moved by the test, inside workerd on real Postgres (always-open hours):
// waiting on the customer does not count toward resolution, a missed next-response turn counts once, the close
// meets resolution, a reopen is a new ticket with fresh clocks, a priority change re-picks the policy keeping
// the time counted. Policies are seeded in Postgres directly (their admin REST is another part's).
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshTenant, ownerClient } from './fresh-tenant';
import { api, eventually } from './helpers';
import { ticketChanges, ticketRows, widgetThread } from './sla-helpers';

let owner: Client;
beforeAll(async () => {
  owner = await ownerClient();
});
afterAll(async () => {
  await owner?.end();
});

describe('resolution, next response and reopen (always open)', () => {
  it('waiting on the customer does not count; a missed turn counts once; the close meets resolution; a reopen starts fresh clocks', async () => {
    const tenant = await freshTenant(owner, 'sla', ['agent']);
    const token = tenant.tokens.agent as string;
    await owner.query(`insert into channels (tenant_id, kind, name) values ($1, 'widget', 'Site')`, [
      tenant.id,
    ]);
    await owner.query(
      `insert into sla_policies (tenant_id, name, first_response_minutes, next_response_minutes, resolution_minutes)
       values ($1, 'Suporte', 10, 5, 60)`,
      [tenant.id],
    );
    const { conversationId, ref, stub, visitor, customer, history } = await widgetThread(
      tenant,
      '2027-03-01T12:00:00.000Z',
    );
    const setClock = (iso: string) => stub.setClockForTests(iso);
    await customer('minha internet caiu');
    const started = await eventually('the SLA running', async () => {
      const s = await stub.inboxSummary(ref);
      return s?.sla?.dueAt ? s : null;
    });
    expect(started.sla).toMatchObject({ target: 'first_response', targetMinutes: 10, breached: [] });

    await setClock('2027-03-01T12:05:00.000Z');
    expect(
      (await api('POST', `/api/conversations/${conversationId}/ticket`, token, { action: 'take' })).status,
    ).toBe(200);
    await api('POST', `/api/conversations/${conversationId}/messages`, token, {
      clientId: 'sla-agent-0001',
      text: 'Oi!',
    });
    const answered = await eventually('first response recorded', async () => {
      const s = await stub.inboxSummary(ref);
      return s?.sla && s.sla.target === null ? s : null;
    });
    // Waiting on the customer: nothing running.
    expect(answered.sla).toMatchObject({ target: null, dueAt: null, breached: [] });

    // Three hours waiting on the customer: no resolution breach.
    await setClock('2027-03-01T15:05:00.000Z');
    expect((await stub.inboxSummary(ref))?.sla?.breached).toEqual([]);
    await customer('ainda sem internet');
    const turn = await eventually('a next-response turn', async () => {
      const s = await stub.inboxSummary(ref);
      return s?.sla?.target === 'next_response' ? s : null;
    });
    expect(turn.sla?.dueAt?.slice(0, 16)).toBe('2027-03-01T15:10');

    await setClock('2027-03-01T15:20:00.000Z');
    await setClock('2027-03-01T15:30:00.000Z');
    await eventually('the missed turn', async () =>
      ticketChanges(await history(), 'sla_breached').length > 0 ? true : null,
    );
    const breaches = ticketChanges(await history(), 'sla_breached');
    expect(breaches.map((b) => b.detail?.target)).toEqual(['next_response']);
    await api('POST', `/api/conversations/${conversationId}/messages`, token, {
      clientId: 'sla-agent-0002',
      text: 'Já verifico.',
    });

    await setClock('2027-03-01T15:40:00.000Z');
    expect(
      (await api('POST', `/api/conversations/${conversationId}/ticket`, token, { action: 'close' })).status,
    ).toBe(200);
    const [closed] = await eventually('the closed ticket archived', async () => {
      const r = await ticketRows(owner, tenant.id, conversationId);
      return r[0]?.status === 'closed' && r[0].sla?.resolution?.metAt ? r : null;
    });
    const resolution = closed?.sla?.resolution;
    expect(resolution?.breachedAt).toBeNull();
    // 5 minutes before the first answer + 25 from the customer's second message to the agent's second reply;
    // never the 3 h waiting on the customer, nor the 10 minutes after that reply before the close.
    expect(resolution?.elapsedMs).toBeGreaterThan(28 * 60_000);
    expect(resolution?.elapsedMs).toBeLessThan(32 * 60_000);
    expect(closed?.sla).toMatchObject({ nextResponseMet: 0, nextResponseMissed: 1 });
    expect(closed?.sla_breaches).toBe(1);

    // A reopen: a new ticket counting the reopen, with fresh clocks.
    await setClock('2027-03-02T12:00:00.000Z');
    expect(
      (await api('POST', `/api/conversations/${conversationId}/ticket`, token, { action: 'reopen' })).status,
    ).toBe(200);
    const reopened = await eventually('the reopened ticket with fresh clocks', async () => {
      const s = await stub.inboxSummary(ref);
      return s?.status === 'assigned' && s.sla?.target ? s : null;
    });
    expect(reopened.sla).toMatchObject({ target: 'first_response', targetMinutes: 10, breached: [] });
    expect(reopened.sla?.dueAt?.slice(0, 16)).toBe('2027-03-02T12:10');
    const reopenEvent = ticketChanges(await history(), 'reopened')[0];
    expect(reopenEvent?.ticket).toMatchObject({ reopenCount: 1, slaBreaches: 0 });
    expect(reopenEvent?.ticket.sla?.resolution).toMatchObject({
      elapsedMs: 0,
      metAt: null,
      breachedAt: null,
    });
    const rows = await eventually('the second ticket archived', async () => {
      const r = await ticketRows(owner, tenant.id, conversationId);
      return r.length === 2 && r[1]?.sla ? r : null;
    });
    expect(rows[1]).toMatchObject({ reopen_count: 1, sla_breaches: 0, first_response_at: null });
    expect(rows[1]?.sla?.firstResponse).toMatchObject({ targetMinutes: 10, metAt: null, breachedAt: null });
    visitor.close();
  });
});

describe('a priority change', () => {
  it('chooses the most specific policy again, keeping the time already counted', async () => {
    const tenant = await freshTenant(owner, 'sla-prio', ['agent']);
    const token = tenant.tokens.agent as string;
    await owner.query(`insert into channels (tenant_id, kind, name) values ($1, 'widget', 'Site')`, [
      tenant.id,
    ]);
    await owner.query(
      `insert into sla_policies (tenant_id, name, priority, first_response_minutes) values
         ($1, 'Geral', null, 10), ($1, 'Urgente', 5, 5)`,
      [tenant.id],
    );
    const { conversationId, ref, stub, visitor, customer, history } = await widgetThread(
      tenant,
      '2027-03-01T12:00:00.000Z',
    );
    await customer('sem sinal');
    const general = await eventually('the general policy running', async () => {
      const s = await stub.inboxSummary(ref);
      return s?.sla?.dueAt ? s : null;
    });
    expect(general.sla).toMatchObject({ target: 'first_response', targetMinutes: 10 });
    expect(general.sla?.dueAt?.slice(0, 16)).toBe('2027-03-01T12:10');

    await stub.setClockForTests('2027-03-01T12:03:00.000Z');
    const res = await api('POST', `/api/conversations/${conversationId}/ticket`, token, {
      action: 'priority',
      priority: 5,
    });
    expect(res.status).toBe(200);
    const urgent = await stub.inboxSummary(ref);
    // Three minutes already counted: two left of the urgent policy's five.
    expect(urgent?.sla).toMatchObject({ target: 'first_response', targetMinutes: 5, breached: [] });
    expect(urgent?.sla?.dueAt?.slice(0, 16)).toBe('2027-03-01T12:05');
    const changed = ticketChanges(await history(), 'priority')[0];
    expect(changed?.ticket.sla?.policyName).toBe('Urgente');
    visitor.close();
  });
});
