// Local days in a DST-free zone (America/Sao_Paulo, UTC−3 all year) and a DST-observing one
// (America/New_York, which springs forward at 02:00 on 2026-03-08, a 23-hour day): the same archived history
// lands on different days, and changing the tenant's zone needs no rebuild (facts are instants, the rollup is
// by UTC hour).
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BacklogSeries, ReportSummary, VolumeHeatmap } from '../../workers/contract';
import { openDatabases } from '../../workers/services/db';
import { rollupTenant } from '../../workers/services/report-rollup';
import { openClient, replicaCaughtUp } from './db-helpers';
import { ownerClient } from './fresh-tenant';
import { api } from './helpers';
import { insertRows, msg, type ReportWorld, reportWorld, snap, tc } from './reports-fixture';

let owner: Client;
let primary: Client;
let replica: Client;
let w: ReportWorld;
const dbs = openDatabases(env);

beforeAll(async () => {
  owner = await ownerClient();
  primary = await openClient();
  replica = await openClient((env.DATABASE_REPLICA_URLS ?? '').split(',')[0]);
  w = await reportWorld(owner, 'rel-fuso');
  const { conv, t, a1 } = w;
  // x: opened 04:30Z on the 8th (23:30 on the 7th in New York, 01:30 on the 8th in São Paulo), closed 06:30Z.
  const ox = '2026-03-08T04:30:00.000Z';
  const x = (over: object) => snap(t.t1 as string, ox, { status: 'assigned', assigneeId: a1, ...over });
  // y: opened 15:00Z on the 8th, closed 03:30Z on the 9th (23:30 on the 8th in New York after the switch, 00:30 on the 9th in São Paulo).
  const oy = '2026-03-08T15:00:00.000Z';
  const y = (over: object) => snap(t.t2 as string, oy, { status: 'assigned', assigneeId: a1, ...over });
  await insertRows(owner, w.tenant.id, [
    { conversationId: conv.c1 as string, seq: 1, at: ox, event: tc('opened', null, x({})) },
    { conversationId: conv.c1 as string, seq: 2, at: ox, event: msg('customer', 'boa noite') },
    {
      conversationId: conv.c1 as string,
      seq: 3,
      at: '2026-03-08T06:30:00.000Z',
      event: tc('closed', a1, x({ status: 'closed', closedAt: '2026-03-08T06:30:00.000Z' })),
    },
    { conversationId: conv.c2 as string, seq: 1, at: oy, event: tc('opened', null, y({})) },
    // 04:30Z on the 9th: 00:30 on the 9th in New York (EDT), outside a 24-hour day counted from 05:00Z.
    {
      conversationId: conv.c2 as string,
      seq: 2,
      at: '2026-03-09T04:30:00.000Z',
      event: msg('customer', 'oi'),
    },
    {
      conversationId: conv.c2 as string,
      seq: 3,
      at: '2026-03-09T03:30:00.000Z',
      event: tc('closed', a1, y({ status: 'closed', closedAt: '2026-03-09T03:30:00.000Z' })),
    },
  ]);
  await rollupTenant(dbs.primary, w.tenant.id);
}, 180_000);
afterAll(async () => {
  await Promise.all([owner.end(), primary.end(), replica.end(), dbs.close()]);
});

async function inZone(zone: string, path: string) {
  await owner.query('update tenants set timezone = $2 where id = $1', [w.tenant.id, zone]);
  await replicaCaughtUp(primary, replica);
  const res = await api<unknown>('GET', path, w.tenant.tokens.supervisor as string);
  expect(res.status).toBe(200);
  return res.body;
}

describe('local days', () => {
  it('São Paulo: both tickets opened on the 8th, only x closed on it; the late message is on the 9th', async () => {
    const s = (await inZone(
      'America/Sao_Paulo',
      '/api/reports/summary?from=2026-03-08&to=2026-03-08',
    )) as ReportSummary;
    expect(s.timezone).toBe('America/Sao_Paulo');
    expect([s.current.ticketsOpened, s.current.ticketsResolved, s.current.messagesIn]).toEqual([2, 1, 1]);
    expect(s.current.resolution).toEqual({ count: 1, averageSeconds: 7200, medianSeconds: 7200 });
    const b = (await inZone(
      'America/Sao_Paulo',
      '/api/reports/backlog?from=2026-03-07&to=2026-03-09',
    )) as BacklogSeries;
    expect(b.days.map((d) => [d.day, d.opened, d.resolved, d.openAtEnd])).toEqual([
      ['2026-03-07', 0, 0, 0],
      ['2026-03-08', 2, 1, 1],
      ['2026-03-09', 0, 1, 0],
    ]);
  });

  it('New York: x opened on the 7th, both closed on the 8th (a 23-hour day); the late message is on the 9th', async () => {
    const s = (await inZone(
      'America/New_York',
      '/api/reports/summary?from=2026-03-08&to=2026-03-08',
    )) as ReportSummary;
    expect(s.timezone).toBe('America/New_York');
    expect([s.current.ticketsOpened, s.current.ticketsResolved, s.current.messagesIn]).toEqual([1, 2, 0]);
    // y took 12.5 hours, x 2 hours: average 26100 s.
    expect(s.current.resolution).toEqual({ count: 2, averageSeconds: 26100, medianSeconds: 26100 });
    const b = (await inZone(
      'America/New_York',
      '/api/reports/backlog?from=2026-03-07&to=2026-03-09',
    )) as BacklogSeries;
    expect(b.days.map((d) => [d.day, d.opened, d.resolved, d.openAtEnd])).toEqual([
      ['2026-03-07', 1, 0, 1],
      ['2026-03-08', 1, 2, 0],
      ['2026-03-09', 0, 0, 0],
    ]);
    // x's opening message: Saturday 23:00–24:00 in New York (EST), Sunday 01:00 in São Paulo.
    const v = (await inZone(
      'America/New_York',
      '/api/reports/volume?from=2026-03-07&to=2026-03-09',
    )) as VolumeHeatmap;
    expect(v.cells.filter((c) => c.messagesIn > 0)).toEqual([
      { weekday: 1, hour: 0, messagesIn: 1, ticketsOpened: 0 },
      { weekday: 6, hour: 23, messagesIn: 1, ticketsOpened: 1 },
    ]);
    const sp = (await inZone(
      'America/Sao_Paulo',
      '/api/reports/volume?from=2026-03-07&to=2026-03-09',
    )) as VolumeHeatmap;
    expect(sp.cells.filter((c) => c.messagesIn > 0 || c.ticketsOpened > 0)).toEqual([
      { weekday: 0, hour: 1, messagesIn: 1, ticketsOpened: 1 },
      { weekday: 0, hour: 12, messagesIn: 0, ticketsOpened: 1 },
      { weekday: 1, hour: 1, messagesIn: 1, ticketsOpened: 0 },
    ]);
  });
});
