// Reports on a hand-computed history (reports-fixture.ts): every metric exact for the cards, per agent, team,
// channel and tag and for the previous period; bot messages never a first response; a reopen; cards equal
// the tables' totals; CSV equals the JSON; the volume heatmap and the backlog; the incremental job equals a
// full rebuild and re-running changes nothing; bad input and tenant isolation.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BacklogSeries,
  ReportMetrics,
  ReportOverview,
  ReportSummary,
  ReportTable,
  VolumeHeatmap,
} from '../../workers/contract';
import { openDatabases } from '../../workers/services/db';
import { rollupTenant } from '../../workers/services/report-rollup';
import { openClient, replicaCaughtUp } from './db-helpers';
import { ownerClient } from './fresh-tenant';
import { api, call, errorCode } from './helpers';
import { history, insertRows, type ReportWorld, reportWorld } from './reports-fixture';

let owner: Client;
let primary: Client;
let replica: Client;
let w: ReportWorld;
let other: ReportWorld;
const dbs = openDatabases(env);

beforeAll(async () => {
  owner = await ownerClient();
  primary = await openClient();
  replica = await openClient((env.DATABASE_REPLICA_URLS ?? '').split(',')[0]);
  w = await reportWorld(owner, 'rel');
  other = await reportWorld(owner, 'rel-outro');
  const rows = history(w);
  // Incremental: the first half of the log, a run, then the rest and another run.
  const half = Math.floor(rows.length / 2);
  await insertRows(owner, w.tenant.id, rows.slice(0, half));
  await rollupTenant(dbs.primary, w.tenant.id);
  await insertRows(owner, w.tenant.id, rows.slice(half));
  await rollupTenant(dbs.primary, w.tenant.id);
  await insertRows(owner, other.tenant.id, history(other));
  await rollupTenant(dbs.primary, other.tenant.id);
}, 180_000);
afterAll(async () => {
  await Promise.all([owner.end(), primary.end(), replica.end(), dbs.close()]);
});

const WEEK = 'from=2026-03-02&to=2026-03-08';
const token = () => w.tenant.tokens.supervisor as string;

async function get<T>(path: string, who = token()): Promise<{ status: number; body: T }> {
  await replicaCaughtUp(primary, replica);
  return api<T>('GET', path, who);
}

const dur = (count: number, averageSeconds: number | null, medianSeconds: number | null) => ({
  count,
  averageSeconds,
  medianSeconds,
});
const ratio = (part: number, whole: number, rate: number | null) => ({ part, whole, rate });

const CURRENT: ReportMetrics = {
  ticketsOpened: 5,
  ticketsResolved: 3,
  messagesIn: 7,
  messagesOut: 8,
  firstResponse: dur(3, 900, 600),
  resolution: dur(3, 3700, 3600),
  csat: { surveys: 2, responses: 1, responseRate: 0.5, average: 5 },
  botContainment: ratio(1, 3, 0.3333),
  handoffs: { total: 2, byReason: { requested: 1, low_confidence: 1 } },
  slaMet: ratio(4, 6, 0.6667),
  reopened: ratio(1, 3, 0.3333),
};
const PREVIOUS: ReportMetrics = {
  ticketsOpened: 1,
  ticketsResolved: 1,
  messagesIn: 1,
  messagesOut: 1,
  firstResponse: dur(1, 300, 300),
  resolution: dur(1, 1800, 1800),
  csat: { surveys: 0, responses: 0, responseRate: null, average: null },
  botContainment: ratio(0, 1, 0),
  handoffs: { total: 0, byReason: {} },
  slaMet: ratio(0, 0, null),
  reopened: ratio(0, 1, 0),
};
const EMPTY: ReportMetrics = {
  ...PREVIOUS,
  ticketsOpened: 0,
  ticketsResolved: 0,
  messagesIn: 0,
  messagesOut: 0,
  firstResponse: dur(0, null, null),
  resolution: dur(0, null, null),
  botContainment: ratio(0, 0, null),
  reopened: ratio(0, 0, null),
};

describe('the cards', () => {
  it('has every metric of the week and of the week before exactly', async () => {
    const res = await get<ReportSummary>(`/api/reports/summary?${WEEK}`);
    expect(res.status).toBe(200);
    expect(res.body.timezone).toBe('America/Sao_Paulo');
    expect(res.body.range).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    expect(res.body.previousRange).toEqual({ from: '2026-02-23', to: '2026-03-01' });
    expect(res.body.current).toEqual(CURRENT);
    expect(res.body.previous).toEqual(PREVIOUS);
    expect(res.body.freshAt).not.toBeNull();
  });

  it('narrows every metric to one agent with a filter (first response: the agent who gave it)', async () => {
    const res = await get<ReportSummary>(`/api/reports/summary?${WEEK}&agentId=${w.a2}`);
    expect(res.status).toBe(200);
    expect(res.body.current).toEqual({
      ...EMPTY,
      ticketsOpened: 2,
      ticketsResolved: 1,
      messagesIn: 1,
      messagesOut: 3,
      firstResponse: dur(2, 1050, 1050),
      resolution: dur(1, 7200, 7200),
      csat: { surveys: 1, responses: 0, responseRate: 0, average: null },
      botContainment: ratio(0, 1, 0),
      slaMet: ratio(1, 3, 0.3333),
      reopened: ratio(1, 1, 1),
    });
  });
});

describe('the tables', () => {
  it('by agent: each agent exact, the unassigned row, previous period, totals equal the cards', async () => {
    const res = await get<ReportTable>(`/api/reports/table?${WEEK}&dimension=agent`);
    expect(res.status).toBe(200);
    const row = (key: string | null) => res.body.rows.find((r) => r.key === key);
    expect(res.body.rows.map((r) => r.key)).toHaveLength(3);
    expect(row(w.a1)?.current).toEqual({
      ...EMPTY,
      ticketsOpened: 1,
      ticketsResolved: 1,
      messagesIn: 3,
      messagesOut: 3,
      firstResponse: dur(1, 600, 600),
      resolution: dur(1, 3600, 3600),
      csat: { surveys: 1, responses: 1, responseRate: 1, average: 5 },
      botContainment: ratio(0, 1, 0),
      handoffs: { total: 1, byReason: { requested: 1 } },
      slaMet: ratio(3, 3, 1),
      reopened: ratio(0, 1, 0),
    });
    expect(row(w.a1)?.previous).toEqual(PREVIOUS);
    expect(row(w.a1)?.label).toMatch(/^agent /);
    expect(row(null)).toMatchObject({ label: 'Sem agente' });
    expect(row(null)?.current).toEqual({
      ...EMPTY,
      ticketsOpened: 2,
      ticketsResolved: 1,
      messagesIn: 3,
      messagesOut: 2,
      resolution: dur(1, 300, 300),
      botContainment: ratio(1, 1, 1),
      handoffs: { total: 1, byReason: { low_confidence: 1 } },
      reopened: ratio(0, 1, 0),
    });
    expect(res.body.totals).toEqual({ current: CURRENT, previous: PREVIOUS });
  });

  it('by team, channel and tag: counts per row; agent/team/channel rows add up to the cards, tags may not', async () => {
    const summary = (await get<ReportSummary>(`/api/reports/summary?${WEEK}`)).body;
    const opened: Record<string, Record<string, number>> = {};
    for (const dimension of ['agent', 'team', 'channel', 'tag'] as const) {
      const t = (await get<ReportTable>(`/api/reports/table?${WEEK}&dimension=${dimension}`)).body;
      expect(t.totals.current).toEqual(summary.current);
      opened[dimension] = Object.fromEntries(t.rows.map((r) => [r.label, r.current.ticketsOpened]));
      if (dimension !== 'tag') {
        for (const k of ['ticketsOpened', 'ticketsResolved', 'messagesIn', 'messagesOut'] as const) {
          expect(t.rows.reduce((s, r) => s + r.current[k], 0)).toBe(summary.current[k]);
        }
        expect(t.rows.reduce((s, r) => s + r.current.firstResponse.count, 0)).toBe(3);
      }
    }
    expect(opened.team).toEqual({ Suporte: 3, 'Sem equipe': 2 });
    expect(opened.channel).toEqual({ WhatsApp: 3, Site: 2 });
    // t2 has two tags: in both rows, so the tag rows add up to 6 for 5 tickets.
    expect(opened.tag).toEqual({ financeiro: 2, tecnico: 1, 'Sem etiqueta': 3 });
  });
});

describe("the screen's first view (overview)", () => {
  it('is the cards, the table of the asked tab, the heatmap and the backlog, each as its own endpoint answers', async () => {
    const [summary, volume, backlog] = await Promise.all([
      get<ReportSummary>(`/api/reports/summary?${WEEK}&teamId=${w.team}`),
      get<VolumeHeatmap>(`/api/reports/volume?${WEEK}&teamId=${w.team}`),
      get<BacklogSeries>(`/api/reports/backlog?${WEEK}&teamId=${w.team}`),
    ]);
    for (const dimension of ['agent', 'tag'] as const) {
      const qs = `${WEEK}&teamId=${w.team}&dimension=${dimension}`;
      const table = await get<ReportTable>(`/api/reports/table?${qs}`);
      const res = await get<ReportOverview>(`/api/reports/overview?${qs}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        summary: summary.body,
        table: table.body,
        volume: volume.body,
        backlog: backlog.body,
      });
      // The filter narrowed it: one team's three tickets, not the tenant's five.
      expect(res.body.summary.current.ticketsOpened).toBe(3);
      expect(res.body.summary.current).toEqual(res.body.table.totals.current);
    }
  });

  it('refuses what the table refuses: no dimension, a reversed range, a foreign filter, an agent', async () => {
    const bad = (qs: string, who = token()) =>
      get<{ error: { code: string; details?: { path: string }[] } }>(`/api/reports/overview?${qs}`, who);
    const noDimension = await bad(WEEK);
    expect([noDimension.status, errorCode(noDimension.body)]).toEqual([400, 'validation_failed']);
    expect(noDimension.body.error.details?.map((d) => d.path)).toEqual(['dimension']);
    const reversed = await bad('from=2026-03-08&to=2026-03-02&dimension=agent');
    expect(reversed.body.error.details?.map((d) => d.path)).toEqual(['from']);
    expect((await bad(`${WEEK}&dimension=agent&agentId=${other.a1}`)).status).toBe(404);
    expect((await bad(`${WEEK}&dimension=agent`, w.tenant.tokens.agent as string)).status).toBe(403);
  });
});

describe('volume and backlog', () => {
  it('counts customer messages and openings per local weekday × hour', async () => {
    const res = await get<VolumeHeatmap>(`/api/reports/volume?${WEEK}`);
    expect(res.status).toBe(200);
    expect(res.body.cells).toHaveLength(168);
    const cell = (weekday: number, hour: number) =>
      res.body.cells.find((c) => c.weekday === weekday && c.hour === hour);
    // Monday 09:00 in São Paulo: t1's opening and two customer messages; 10:00: the CSAT answer.
    expect(cell(1, 9)).toEqual({ weekday: 1, hour: 9, messagesIn: 2, ticketsOpened: 1 });
    expect(cell(1, 10)).toEqual({ weekday: 1, hour: 10, messagesIn: 1, ticketsOpened: 0 });
    expect(cell(4, 17)).toEqual({ weekday: 4, hour: 17, messagesIn: 2, ticketsOpened: 1 });
    expect(res.body.cells.reduce((s, c) => s + c.messagesIn, 0)).toBe(7);
    expect(res.body.cells.reduce((s, c) => s + c.ticketsOpened, 0)).toBe(5);
  });

  it('answers the open tickets at the end of each local day', async () => {
    const res = await get<BacklogSeries>(`/api/reports/backlog?${WEEK}`);
    expect(res.status).toBe(200);
    expect(res.body.days.map((d) => [d.day, d.opened, d.resolved, d.openAtEnd])).toEqual([
      ['2026-03-02', 1, 1, 0],
      ['2026-03-03', 1, 1, 0],
      ['2026-03-04', 1, 0, 1],
      ['2026-03-05', 1, 1, 1],
      ['2026-03-06', 1, 0, 2],
      ['2026-03-07', 0, 0, 2],
      ['2026-03-08', 0, 0, 2],
    ]);
  });
});

/** The CSV's cells, BOM and CRLF checked. */
async function csvOf(path: string): Promise<string[][]> {
  await replicaCaughtUp(primary, replica);
  const res = await call(path, { headers: { authorization: `Bearer ${token()}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="relatorio-/);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text.endsWith('\r\n')).toBe(true);
  return text
    .slice(1, -2)
    .split('\r\n')
    .map((l) => l.split(';'));
}
const num = (n: number | null) => (n === null ? '' : String(n).replace('.', ','));

describe('CSV equals the JSON', () => {
  it('the table by agent, row by row, with the totals line', async () => {
    const t = (await get<ReportTable>(`/api/reports/table?${WEEK}&dimension=agent`)).body;
    const lines = await csvOf(`/api/reports/table.csv?${WEEK}&dimension=agent`);
    const header = lines[0] as string[];
    const col = (h: string) => header.indexOf(h);
    expect(lines).toHaveLength(t.rows.length + 2);
    t.rows.forEach((r, i) => {
      const line = lines[i + 1] as string[];
      expect(line[0]).toBe(r.label);
      expect(line[1]).toBe(r.key ?? '');
      expect(line[col('Tickets abertos')]).toBe(num(r.current.ticketsOpened));
      expect(line[col('Primeira resposta: média (s)')]).toBe(num(r.current.firstResponse.averageSeconds));
      expect(line[col('Resolução: mediana (s)')]).toBe(num(r.current.resolution.medianSeconds));
      expect(line[col('CSAT: média (1–5)')]).toBe(num(r.current.csat.average));
      expect(line[col('SLA cumprido')]).toBe(num(r.current.slaMet.rate));
      expect(line[col('Tickets resolvidos (período anterior)')]).toBe(num(r.previous.ticketsResolved));
      expect(line[col('Transferências: requested')]).toBe(num(r.current.handoffs.byReason.requested ?? 0));
    });
    const total = lines.at(-1) as string[];
    expect(total[0]).toBe('Total');
    expect(total[col('Contenção do bot')]).toBe('0,3333');
    expect(total[col('Taxa de reabertura')]).toBe(num(t.totals.current.reopened.rate));
  });

  it('the summary, the heatmap and the backlog', async () => {
    const s = (await get<ReportSummary>(`/api/reports/summary?${WEEK}`)).body;
    const lines = await csvOf(`/api/reports/summary.csv?${WEEK}`);
    const byName = Object.fromEntries(lines.slice(1).map((l) => [l[0], l.slice(1)]));
    expect(byName['Tickets abertos']).toEqual([num(s.current.ticketsOpened), num(s.previous.ticketsOpened)]);
    expect(byName['CSAT: taxa de resposta']).toEqual(['0,5', '']);
    expect(byName['Primeira resposta: mediana (s)']).toEqual(['600', '300']);
    expect(byName['Transferências: low_confidence']).toEqual(['1', '0']);
    const v = await csvOf(`/api/reports/volume.csv?${WEEK}`);
    expect(v).toHaveLength(169);
    expect(v.find((l) => l[0] === 'segunda-feira' && l[1] === '9')).toEqual(['segunda-feira', '9', '2', '1']);
    const b = await csvOf(`/api/reports/backlog.csv?${WEEK}`);
    expect(b.slice(1)).toEqual([
      ['2026-03-02', '1', '1', '0'],
      ['2026-03-03', '1', '1', '0'],
      ['2026-03-04', '1', '0', '1'],
      ['2026-03-05', '1', '1', '1'],
      ['2026-03-06', '1', '0', '2'],
      ['2026-03-07', '0', '0', '2'],
      ['2026-03-08', '0', '0', '2'],
    ]);
  });
});

/** Every report row of the tenant, as text, for comparing two builds. */
async function reportRows(tenantId: string): Promise<string[]> {
  const out: string[] = [];
  for (const [table, order] of [
    ['report_tickets', 'ticket_id'],
    ['report_conversation_hours', 'conversation_id, hour, ticket_id'],
    ['report_hours', 'hour, channel_id, agent_id, team_id, tags'],
  ]) {
    const { rows } = await owner.query(`select * from ${table} where tenant_id = $1 order by ${order}`, [
      tenantId,
    ]);
    out.push(`${table}:${JSON.stringify(rows)}`);
  }
  return out;
}

describe('the job', () => {
  it('built in two halves equals a full rebuild, and re-running changes nothing', async () => {
    const incremental = await reportRows(w.tenant.id);
    expect(incremental[0]).toContain(w.t.t1);
    const again = await rollupTenant(dbs.primary, w.tenant.id);
    expect(again.busy).toBe(false);
    expect(await reportRows(w.tenant.id)).toEqual(incremental);
    for (const table of ['report_tickets', 'report_conversation_hours', 'report_hours', 'report_state'])
      await owner.query(`delete from ${table} where tenant_id = $1`, [w.tenant.id]);
    const full = await rollupTenant(dbs.primary, w.tenant.id);
    expect(full.conversations).toBe(5);
    expect(await reportRows(w.tenant.id)).toEqual(incremental);
  });

  it('picks up an event archived later (a late CSAT answer) and moves only that conversation', async () => {
    const before = await get<ReportSummary>(`/api/reports/summary?${WEEK}`, other.tenant.tokens.supervisor);
    expect(before.body.current.csat).toEqual(CURRENT.csat);
    const last = await owner.query<{ payload: { ticket: Record<string, unknown> } }>(
      `select payload from conversation_events where conversation_id = $1 and type = 'ticket.changed' and payload->'ticket'->>'ticketId' = $2 order by seq desc limit 1`,
      [other.conv.c2, other.t.t2],
    );
    const seq = await owner.query<{ n: number }>(
      'select max(seq)::int as n from conversation_events where conversation_id = $1',
      [other.conv.c2],
    );
    const ticket = {
      ...(last.rows[0]?.payload.ticket ?? {}),
      csat: { score: 2, comment: null, at: '2026-03-04T11:00:00.000Z' },
    };
    await insertRows(owner, other.tenant.id, [
      {
        conversationId: other.conv.c2 as string,
        seq: (seq.rows[0]?.n ?? 0) + 1,
        at: '2026-03-04T11:00:00.000Z',
        event: {
          type: 'ticket.changed',
          change: 'rated',
          by: { kind: 'system', id: null, name: null },
          ticket,
        } as never,
      },
    ]);
    const run = await rollupTenant(dbs.primary, other.tenant.id);
    expect(run.conversations).toBeGreaterThanOrEqual(1);
    const after = await get<ReportSummary>(`/api/reports/summary?${WEEK}`, other.tenant.tokens.supervisor);
    expect(after.body.current.csat).toEqual({ surveys: 2, responses: 2, responseRate: 1, average: 3.5 });
  });
});

describe('bad input', () => {
  const bad = async (qs: string, path = '/api/reports/summary') => {
    const res = await get<{ error: { code: string; details?: { path: string }[] } }>(`${path}?${qs}`);
    return {
      status: res.status,
      code: errorCode(res.body),
      paths: res.body.error?.details?.map((d) => d.path),
    };
  };
  it('refuses reversed, too long, malformed and missing ranges with 400 naming the field', async () => {
    expect(await bad('from=2026-03-08&to=2026-03-02')).toEqual({
      status: 400,
      code: 'validation_failed',
      paths: ['from'],
    });
    expect(await bad('from=2025-01-01&to=2026-01-02')).toEqual({
      status: 400,
      code: 'validation_failed',
      paths: ['to'],
    });
    expect(await bad('from=2026-02-30&to=2026-03-02')).toEqual({
      status: 400,
      code: 'validation_failed',
      paths: ['from'],
    });
    expect(await bad('from=02/03/2026&to=2026-03-02')).toEqual({
      status: 400,
      code: 'validation_failed',
      paths: ['from'],
    });
    expect(await bad('to=2026-03-02')).toMatchObject({
      status: 400,
      code: 'validation_failed',
      paths: ['from'],
    });
    // 366 days (a leap year's worth) is the most a query may cover.
    expect((await bad('from=2024-01-01&to=2024-12-31')).status).toBe(200);
  });
  it('refuses an unknown or missing dimension and a malformed id', async () => {
    expect(await bad(`${WEEK}&dimension=cidade`, '/api/reports/table')).toMatchObject({
      status: 400,
      paths: ['dimension'],
    });
    expect(await bad(WEEK, '/api/reports/table.csv')).toMatchObject({ status: 400, paths: ['dimension'] });
    expect(await bad(`${WEEK}&agentId=nao-e-id`, '/api/reports/backlog')).toMatchObject({
      status: 400,
      paths: ['agentId'],
    });
  });
  it("answers 404 for another tenant's agent, team or channel, never its numbers", async () => {
    for (const qs of [`agentId=${other.a1}`, `teamId=${other.team}`, `channelId=${other.whatsapp}`]) {
      expect(await bad(`${WEEK}&${qs}`)).toMatchObject({ status: 404, code: 'not_found' });
      expect(await bad(`${WEEK}&${qs}&dimension=agent`, '/api/reports/table.csv')).toMatchObject({
        status: 404,
      });
    }
  });
  it('is for supervisors and up: an agent gets 403, no token 401', async () => {
    expect((await get(`/api/reports/summary?${WEEK}`, w.tenant.tokens.agent as string)).status).toBe(403);
    expect((await call(`/api/reports/volume?${WEEK}`)).status).toBe(401);
    expect((await get(`/api/reports/summary?${WEEK}`, w.tenant.tokens.admin as string)).status).toBe(200);
  });
});
