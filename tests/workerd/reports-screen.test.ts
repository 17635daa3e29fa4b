// The reports screen's and the live view's pure parts: durations and changes as people read them (which way is
// good per metric), the range presets from "today" in the tenant's zone (a DST-free and a DST zone, month
// ends), the custom range's errors before any request, the tables' sort, and the live supervisor view derived
// from a routing frame, the summaries' SLA and the active outages.
import { describe, expect, it } from 'vitest';
import {
  change,
  formatChange,
  formatDuration,
  formatRate,
} from '../../app/agent/admin/reports/report-format';
import { METRICS } from '../../app/agent/admin/reports/report-metrics';
import {
  addDays,
  presetRange,
  previousRange,
  rangeProblem,
  todayIn,
} from '../../app/agent/admin/reports/report-range';
import { sortRows } from '../../app/agent/admin/reports/report-sort';
import { level, volumeGrid } from '../../app/agent/admin/reports/volume-grid';
import { liveView } from '../../app/agent/supervisor/live-view';
import type { InboxSummary, RoutingLoad } from '../../workers/contract';
import type { OutageView } from '../../workers/contract/outages';
import type { ReportMetrics, ReportRow } from '../../workers/contract/reports';

const metrics = (over: Partial<ReportMetrics> = {}): ReportMetrics => ({
  ticketsOpened: 0,
  ticketsResolved: 0,
  messagesIn: 0,
  messagesOut: 0,
  firstResponse: { count: 0, averageSeconds: null, medianSeconds: null },
  resolution: { count: 0, averageSeconds: null, medianSeconds: null },
  csat: { surveys: 0, responses: 0, responseRate: null, average: null },
  botContainment: { part: 0, whole: 0, rate: null },
  handoffs: { total: 0, byReason: {} },
  slaMet: { part: 0, whole: 0, rate: null },
  reopened: { part: 0, whole: 0, rate: null },
  ...over,
});

describe('report numbers for people', () => {
  it('writes durations as "42 s", "4 min 12 s", "2 h 05 min", "3 d 04 h" and — without a value', () => {
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(252)).toBe('4 min 12 s');
    expect(formatDuration(60)).toBe('1 min 00 s');
    expect(formatDuration(7500)).toBe('2 h 05 min');
    expect(formatDuration(3 * 86_400 + 4 * 3600 + 59)).toBe('3 d 04 h');
    expect(formatDuration(null)).toBe('—');
    expect(formatRate(0.875, 'pt-BR')).toBe('87,5%');
    expect(formatRate(null, 'pt-BR')).toBe('—');
  });

  it('colours a change by whether up is good for that metric, rates in points', () => {
    // First response from 300 s to 240 s: down 20 %, good.
    const fr = change(240, 300, METRICS.firstResponse.better, 'relative');
    expect(fr).toEqual({ arrow: '↓', tone: 'good', delta: -0.2 });
    expect(formatChange(fr, 'relative', 'pt-BR', { new: 'novo', pp: 'p.p.' })).toBe('−20%');
    // CSAT from 4.5 to 4.0: bad.
    expect(change(4, 4.5, METRICS.csat.better, 'relative').tone).toBe('bad');
    // Reopen rate from 10 % to 15 %: +5 points, bad.
    const re = change(0.15, 0.1, METRICS.reopened.better, 'points');
    expect(re.tone).toBe('bad');
    expect(formatChange(re, 'points', 'pt-BR', { new: 'novo', pp: 'p.p.' })).toBe('+5 p.p.');
    // Volumes are neither good nor bad; nothing before reads "novo"; no value means no arrow.
    expect(change(10, 5, METRICS.ticketsOpened.better, 'relative').tone).toBe('neutral');
    expect(
      formatChange(change(3, 0, 'none', 'relative'), 'relative', 'pt-BR', { new: 'novo', pp: 'p.p.' }),
    ).toBe('novo');
    expect(change(null, 5, 'up', 'relative').arrow).toBeNull();
    expect(change(5, 5, 'up', 'relative')).toEqual({ arrow: '=', tone: 'neutral', delta: 0 });
  });
});

describe('report range', () => {
  it('takes today from the tenant’s zone, not the browser’s', () => {
    const at = Date.parse('2026-03-01T02:30:00Z');
    expect(todayIn('America/Sao_Paulo', at)).toBe('2026-02-28'); // UTC−3, no DST
    expect(todayIn('Europe/Lisbon', at)).toBe('2026-03-01');
    // New York on the night DST starts (08 March 2026, 02:00 → 03:00): still the 7th at 04:30Z.
    expect(todayIn('America/New_York', Date.parse('2026-03-08T04:30:00Z'))).toBe('2026-03-07');
    expect(todayIn('America/New_York', Date.parse('2026-03-08T07:30:00Z'))).toBe('2026-03-08');
  });

  it('turns presets into whole days, months across year and leap ends', () => {
    expect(presetRange('today', '2026-03-15')).toEqual({ from: '2026-03-15', to: '2026-03-15' });
    expect(presetRange('last7', '2026-03-03')).toEqual({ from: '2026-02-25', to: '2026-03-03' });
    expect(presetRange('last30', '2026-03-15')).toEqual({ from: '2026-02-14', to: '2026-03-15' });
    expect(presetRange('thisMonth', '2026-03-15')).toEqual({ from: '2026-03-01', to: '2026-03-15' });
    expect(presetRange('lastMonth', '2024-03-10')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(presetRange('lastMonth', '2026-01-05')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(previousRange({ from: '2026-03-01', to: '2026-03-07' })).toEqual({
      from: '2026-02-22',
      to: '2026-02-28',
    });
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
  });

  it('refuses a reversed, an over-long or an incomplete custom range before any request', () => {
    expect(rangeProblem({ from: '2026-03-10', to: '2026-03-01' })).toBe('reversed');
    expect(rangeProblem({ from: '2025-01-01', to: '2026-01-01' })).toBeNull(); // 366 days
    expect(rangeProblem({ from: '2025-01-01', to: '2026-01-02' })).toBe('tooLong');
    expect(rangeProblem({ from: '', to: '2026-01-02' })).toBe('missing');
  });
});

describe('report tables and heatmap', () => {
  const row = (label: string, fr: number | null, opened: number): ReportRow => ({
    key: label,
    label,
    current: metrics({
      ticketsOpened: opened,
      firstResponse: { count: fr === null ? 0 : 1, averageSeconds: fr, medianSeconds: fr },
    }),
    previous: metrics(),
  });

  it('sorts by a metric with rows without a value last, either way', () => {
    const rows = [row('Bia', 300, 2), row('Ana', null, 5), row('Caio', 120, 9)];
    const by = (key: 'firstResponse' | 'label', dir: 'asc' | 'desc') =>
      sortRows(rows, { key, dir }, 'pt-BR').map((r) => r.label);
    expect(by('firstResponse', 'asc')).toEqual(['Caio', 'Bia', 'Ana']);
    expect(by('firstResponse', 'desc')).toEqual(['Bia', 'Caio', 'Ana']);
    expect(by('label', 'asc')).toEqual(['Ana', 'Bia', 'Caio']);
  });

  it('lays volume cells on a weekday × hour grid with five shades', () => {
    const grid = volumeGrid({
      timezone: 'America/Sao_Paulo',
      range: { from: '2026-03-01', to: '2026-03-07' },
      cells: [
        { weekday: 1, hour: 9, messagesIn: 40, ticketsOpened: 10 },
        { weekday: 0, hour: 23, messagesIn: 3, ticketsOpened: 1 },
      ],
    });
    expect(grid[1]?.[9]).toBe(40);
    expect(grid[0]?.[23]).toBe(3);
    expect(grid[2]?.[9]).toBe(0);
    expect([0, 3, 10, 11, 40].map((n) => level(n, 40))).toEqual([0, 1, 1, 2, 4]);
  });
});

describe('live supervisor view', () => {
  const T1 = '00000000-0000-4000-8000-0000000000a1';
  const now = Date.parse('2026-03-10T12:00:00Z');
  const summary = (
    id: string,
    teamId: string | null,
    sla: InboxSummary['sla'],
    status = 'queued',
  ): InboxSummary =>
    ({
      conversationId: `00000000-0000-4000-8000-00000000000${id}`,
      channelId: '00000000-0000-4000-8000-0000000000c1',
      channelKind: 'widget',
      contact: { id: '00000000-0000-4000-8000-0000000000d1', name: `Cliente ${id}`, phone: null },
      status,
      protocol: null,
      priority: 3,
      teamId,
      teamName: teamId ? 'Suporte' : null,
      assigneeId: null,
      assigneeName: null,
      tags: [],
      lastSeq: 1,
      lastMessage: null,
      unread: 0,
      waitingSince: null,
      updatedAt: new Date(now).toISOString(),
      sla,
    }) as InboxSummary;
  const due = (minutes: number, target = 60) => ({
    target: 'first_response' as const,
    dueAt: new Date(now + minutes * 60_000).toISOString(),
    targetMinutes: target,
    breached: [],
  });

  it('counts per team the queue, its longest wait, agents online and tickets at risk or breached', () => {
    const routing: RoutingLoad = {
      queues: [
        {
          teamId: T1,
          teamName: 'Suporte',
          mode: 'balanced',
          queued: 3,
          oldestQueuedAt: '2026-03-10T11:55:30Z',
        },
        { teamId: null, teamName: null, mode: 'manual', queued: 0, oldestQueuedAt: null },
      ],
      agents: [
        {
          userId: '00000000-0000-4000-8000-000000000001',
          name: 'Zeca',
          status: 'online',
          load: 2,
          capacity: 2,
          teamIds: [T1],
        },
        {
          userId: '00000000-0000-4000-8000-000000000002',
          name: 'Ana',
          status: 'away',
          load: 1,
          capacity: 3,
          teamIds: [T1],
        },
        {
          userId: '00000000-0000-4000-8000-000000000003',
          name: 'Bia',
          status: 'online',
          load: 0,
          capacity: 3,
          teamIds: [],
        },
      ],
    };
    const summaries = [
      summary('1', T1, due(10)), // at risk: within 15 min
      summary('2', T1, due(50)), // fine
      summary('3', T1, { ...due(5), breached: ['first_response'] }), // breached
      summary('4', null, due(-1)), // past due: breached, no team
      summary('5', T1, due(3), 'closed'), // closed: never counted
    ];
    const outage = {
      id: '00000000-0000-4000-8000-0000000000e1',
      title: 'Fibra rompida',
      startsAt: '2026-03-10T10:00:00Z',
      conversationCount: 4,
    } as OutageView;
    const v = liveView(routing, summaries, [outage], now);
    expect(v.teams).toEqual([
      {
        key: T1,
        teamId: T1,
        name: 'Suporte',
        waiting: 3,
        longestWaitSeconds: 270,
        agentsOnline: 1,
        slaAtRisk: 1,
        slaBreached: 1,
      },
      {
        key: 'none',
        teamId: null,
        name: '',
        waiting: 0,
        longestWaitSeconds: null,
        agentsOnline: 0,
        slaAtRisk: 0,
        slaBreached: 1,
      },
    ]);
    expect(v.agents.map((a) => `${a.name}:${a.presence}:${a.open}/${a.capacity}`)).toEqual([
      'Bia:online:0/3',
      'Zeca:online:2/2',
      'Ana:away:1/3',
    ]);
    expect(v.slaTickets.map((t) => `${t.contact}:${t.standing}`)).toEqual([
      'Cliente 4:breached',
      'Cliente 3:breached',
      'Cliente 1:at_risk',
    ]);
    expect(v.outages).toEqual([
      { id: outage.id, title: 'Fibra rompida', startsAt: outage.startsAt, conversations: 4 },
    ]);
  });

  it('shows nothing to count before the first routing frame', () => {
    const v = liveView(null, [], [], now);
    expect(v.teams).toEqual([]);
    expect(v.agents).toEqual([]);
  });
});
