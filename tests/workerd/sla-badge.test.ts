// What the agent app says about SLA, as pure functions: the inbox badge (the contract's at-risk rule, time left
// in minutes and hours today, the weekday and time beyond today in the tenant's zone, which target breached),
// the "SLA em risco" filter, the ticket's metrics (first response from its queue entry, resolution, targets met
// / missed / running, the rating) and the timeline's lines for the routing, SLA and CSAT changes.
import { describe, expect, it } from 'vitest';
import { en } from '../../app/agent/i18n/en';
import { pt } from '../../app/agent/i18n/pt-BR';
import { durationText, needsAttention, type SlaFormat, slaBadgeView } from '../../app/agent/sla/sla-badge';
import { SLA_WORDS } from '../../app/agent/sla/sla-i18n';
import { ticketMetrics } from '../../app/agent/sla/ticket-metrics';
import type { SlaClock, SummarySla, TicketSnapshot } from '../../workers/contract';

const PT: SlaFormat = { words: SLA_WORDS['pt-BR'], locale: 'pt-BR', timeZone: 'America/Sao_Paulo' };
const EN: SlaFormat = { words: SLA_WORDS.en, locale: 'en', timeZone: 'America/Sao_Paulo' };
// Thursday 3 Dec 2026, 10:00 in São Paulo (UTC−3).
const NOW = Date.parse('2026-12-03T13:00:00.000Z');
const inMin = (m: number) => new Date(NOW + m * 60_000).toISOString();
const sla = (over: Partial<SummarySla>): SummarySla => ({
  target: 'first_response',
  dueAt: inMin(45),
  targetMinutes: 60,
  breached: [],
  ...over,
});

describe('the SLA badge', () => {
  it('shows time left while in time, in minutes and then hours', () => {
    expect(slaBadgeView(sla({}), NOW, PT)).toMatchObject({
      standing: 'ok',
      text: 'SLA 45 min',
      label: 'SLA de primeira resposta: 45 min restantes',
    });
    const long = slaBadgeView(sla({ target: 'resolution', dueAt: inMin(125), targetMinutes: 480 }), NOW, PT);
    expect(long).toMatchObject({ standing: 'ok', text: 'SLA 2 h 5 min' });
    expect(long?.title).toBe('Resolução · vence 03/12/2026, 12:05 (meta 8 h)');
    // Part of a minute left counts as a minute, never "0 min".
    expect(slaBadgeView(sla({ dueAt: new Date(NOW + 20_000).toISOString() }), NOW, PT)?.text).toBe(
      'Em risco · 1 min',
    );
    expect(slaBadgeView(sla({}), NOW, EN)).toMatchObject({
      text: 'SLA 45 min',
      label: 'First response SLA: 45 min left',
    });
  });

  it('turns "Em risco" within a fifth of the target or 15 minutes, whichever is longer', () => {
    // 60 min target: 15 minutes is the longer margin.
    expect(slaBadgeView(sla({ dueAt: inMin(16) }), NOW, PT)?.standing).toBe('ok');
    expect(slaBadgeView(sla({ dueAt: inMin(12) }), NOW, PT)).toMatchObject({
      standing: 'at_risk',
      text: 'Em risco · 12 min',
      label: 'SLA de primeira resposta em risco: 12 min restantes',
    });
    // 8 h target: a fifth is 96 minutes.
    const resolution = sla({ target: 'resolution', targetMinutes: 480, dueAt: inMin(95) });
    expect(slaBadgeView(resolution, NOW, PT)).toMatchObject({
      standing: 'at_risk',
      text: 'Em risco · 1 h 35 min',
    });
    expect(slaBadgeView(resolution, NOW, EN)).toMatchObject({ text: 'At risk · 1 h 35 min' });
  });

  it('says which target breached, and a due time already past is breached before the server says so', () => {
    const recorded = slaBadgeView(sla({ breached: ['first_response', 'resolution'] }), NOW, PT);
    expect(recorded).toMatchObject({
      standing: 'breached',
      text: 'SLA estourado · 1ª resposta, resolução',
      label: 'SLA estourado: primeira resposta, resolução',
      title: 'Meta estourada: Primeira resposta, Resolução',
    });
    const ranOut = slaBadgeView(sla({ target: 'next_response', dueAt: inMin(-1) }), NOW, EN);
    expect(ranOut).toMatchObject({ standing: 'breached', text: 'SLA breached · next response' });
    // Breached with nothing running any more (answered late): still breached.
    const late = slaBadgeView(
      sla({ target: null, dueAt: null, targetMinutes: null, breached: ['first_response'] }),
      NOW,
      PT,
    );
    expect(late?.standing).toBe('breached');
  });

  it("names the weekday and time in the tenant's zone when the target falls due beyond today", () => {
    // Friday 17:50 in São Paulo; a first response due Monday 08:20 (hours 08:00–18:00 paused the weekend).
    const friday = Date.parse('2026-12-04T20:50:00.000Z');
    const monday = sla({ dueAt: '2026-12-07T11:20:00.000Z', targetMinutes: 30 });
    expect(slaBadgeView(monday, friday, PT)).toMatchObject({
      standing: 'ok',
      text: 'SLA seg 08:20',
      label: 'SLA de primeira resposta: vence seg 08:20',
    });
    expect(slaBadgeView(monday, friday, EN)?.text).toBe('SLA Mon 8:20 AM');
    // Late evening in São Paulo is already tomorrow in UTC: still today for the tenant.
    const evening = Date.parse('2026-12-04T01:30:00.000Z'); // Thursday 22:30 local
    expect(slaBadgeView(sla({ dueAt: '2026-12-04T02:10:00.000Z' }), evening, PT)?.text).toBe('SLA 40 min');
    // The same instants in another zone of the tenant (Manaus, UTC−4): Thursday 21:30 and 22:10.
    expect(
      slaBadgeView(sla({ dueAt: '2026-12-04T02:10:00.000Z' }), evening, { ...PT, timeZone: 'America/Manaus' })
        ?.text,
    ).toBe('SLA 40 min');
    // More than a week away: the date.
    expect(slaBadgeView(sla({ dueAt: '2026-12-14T11:20:00.000Z', targetMinutes: 6000 }), NOW, PT)?.text).toBe(
      'SLA 14/12 08:20',
    );
  });

  it('shows nothing without an SLA, and the filter keeps only what is at risk or breached', () => {
    expect(slaBadgeView(null, NOW, PT)).toBeNull();
    expect(slaBadgeView(undefined, NOW, PT)).toBeNull();
    expect(slaBadgeView(sla({ target: null, dueAt: null, targetMinutes: null }), NOW, PT)).toBeNull();
    const list = [
      { id: 'ok', sla: sla({}) },
      { id: 'risk', sla: sla({ dueAt: inMin(5) }) },
      { id: 'late', sla: sla({ breached: ['resolution'] }) },
      { id: 'none', sla: null },
      { id: 'absent' },
    ];
    expect(list.filter((s) => needsAttention(s, NOW)).map((s) => s.id)).toEqual(['risk', 'late']);
  });

  it('writes durations the way the panel shows them', () => {
    const w = SLA_WORDS['pt-BR'];
    expect(durationText(42_000, w)).toBe('42 s');
    expect(durationText(12 * 60_000, w)).toBe('12 min');
    expect(durationText(125 * 60_000, w)).toBe('2 h 5 min');
    expect(durationText(26 * 3_600_000, w)).toBe('1 d 2 h');
  });
});

const clock = (over: Partial<SlaClock>): SlaClock => ({
  targetMinutes: 30,
  elapsedMs: 0,
  runningSince: null,
  dueAt: null,
  metAt: null,
  breachedAt: null,
  ...over,
});
const ticket = (over: Partial<TicketSnapshot>): TicketSnapshot => ({
  ticketId: '00000000-0000-4000-8000-0000000000c1',
  protocol: '20261203000001',
  status: 'assigned',
  priority: 3,
  teamId: null,
  teamName: null,
  assigneeId: null,
  assigneeName: 'Bruno Agente',
  tags: [],
  openedAt: '2026-12-03T12:00:00.000Z',
  closedAt: null,
  ...over,
});

describe('the ticket metrics', () => {
  it('counts the first response from the queue entry, and resolution from the opening once closed', () => {
    const t = ticket({
      queuedAt: '2026-12-03T12:10:00.000Z', // the bot had it for ten minutes: not the agents' time
      firstResponseAt: '2026-12-03T12:22:00.000Z',
      status: 'closed',
      closedAt: '2026-12-03T14:05:00.000Z',
      reopenCount: 2,
      slaBreaches: 1,
    });
    expect(ticketMetrics(t)).toMatchObject({
      firstResponseMs: 12 * 60_000,
      resolutionMs: 125 * 60_000,
      reopens: 2,
      breaches: 1,
      awaitingRating: true,
      csat: null,
    });
    // Requeued after the first reply: the reply is counted from the opening, never negative.
    const requeued = ticket({
      queuedAt: '2026-12-03T13:00:00.000Z',
      firstResponseAt: '2026-12-03T12:30:00.000Z',
    });
    expect(ticketMetrics(requeued)).toMatchObject({
      firstResponseMs: 30 * 60_000,
      resolutionMs: null,
      awaitingRating: false,
    });
    expect(ticketMetrics(ticket({})).firstResponseMs).toBeNull();
  });

  it('shows each target met, missed, running with its due time, or paused, and the rating once given', () => {
    const t = ticket({
      status: 'closed',
      closedAt: '2026-12-03T14:00:00.000Z',
      csat: { score: 4, comment: 'Resolveu rápido', at: '2026-12-03T14:03:00.000Z' },
      sla: {
        policyId: '00000000-0000-4000-8000-0000000000d1',
        policyName: 'Padrão',
        firstResponse: clock({ metAt: '2026-12-03T12:20:00.000Z' }),
        nextResponse: clock({ runningSince: '2026-12-03T13:00:00.000Z', dueAt: '2026-12-03T13:30:00.000Z' }),
        resolution: clock({ targetMinutes: 240, breachedAt: '2026-12-03T16:00:00.000Z' }),
        nextResponseMet: 2,
        nextResponseMissed: 1,
      },
    });
    const m = ticketMetrics({ ...t, status: 'assigned', closedAt: null });
    expect(m.targets).toEqual([
      { target: 'first_response', state: 'met', targetMinutes: 30, dueAt: null },
      { target: 'next_response', state: 'running', targetMinutes: 30, dueAt: '2026-12-03T13:30:00.000Z' },
      { target: 'resolution', state: 'missed', targetMinutes: 240, dueAt: null },
    ]);
    // Once closed nothing runs any more, whatever the last snapshot said.
    expect(ticketMetrics(t).targets[1]).toEqual({
      target: 'next_response',
      state: 'paused',
      targetMinutes: 30,
      dueAt: null,
    });
    expect(ticketMetrics(t)).toMatchObject({
      policyName: 'Padrão',
      nextResponseTurns: { met: 2, missed: 1 },
      csat: { score: 4, comment: 'Resolveu rápido' },
      awaitingRating: false,
    });
    const paused = ticketMetrics(
      ticket({ sla: { ...(t.sla as NonNullable<TicketSnapshot['sla']>), firstResponse: clock({}) } }),
    );
    expect(paused.targets[0]?.state).toBe('paused');
    // The bot closed it alone: no rating is promised.
    expect(
      ticketMetrics(ticket({ status: 'closed', closedAt: t.closedAt, resolvedBy: 'bot' })).awaitingRating,
    ).toBe(false);
  });
});

describe('the timeline lines of routing, SLA and CSAT', () => {
  const t = ticket({
    queuedAt: '2026-12-03T12:10:00.000Z',
    firstResponseAt: '2026-12-03T12:22:00.000Z',
    sla: {
      policyId: '00000000-0000-4000-8000-0000000000d1',
      policyName: 'Padrão',
      firstResponse: clock({ targetMinutes: 30, breachedAt: '2026-12-03T12:40:00.000Z' }),
      nextResponse: null,
      resolution: null,
      nextResponseMet: 0,
      nextResponseMissed: 0,
    },
    csat: { score: 5, comment: 'Ótimo', at: '2026-12-03T14:03:00.000Z' },
  });

  it('say why routing moved it, which target breached, and the rating with its comment', () => {
    expect(pt.ticketLine.requeued('Sistema', t, { reason: 'agent_offline' })).toMatch(
      /^O responsável ficou offline: de volta à fila/,
    );
    expect(pt.ticketLine.requeued('Sistema', t, { reason: 'unanswered' })).toMatch(
      /^O cliente ficou sem resposta além do limite/,
    );
    expect(en.ticketLine.requeued('System', t, { reason: 'agent_offline' })).toMatch(
      /^The assignee went offline: back in the queue/,
    );
    expect(pt.ticketLine.assigned('Sistema', t, { reason: 'auto_assigned' })).toBe(
      'Distribuição automática atribuiu a Bruno Agente · protocolo 20261203000001',
    );
    expect(pt.ticketLine.assigned('Ana', t)).toBe('Ana atribuiu a Bruno Agente · protocolo 20261203000001');
    expect(pt.ticketLine.first_response('Bruno Agente', t)).toBe(
      'Primeira resposta de Bruno Agente em 12 min · protocolo 20261203000001',
    );
    expect(pt.ticketLine.sla_breached('Sistema', t, { target: 'first_response' })).toBe(
      'SLA estourado: primeira resposta (meta de 30 min) · protocolo 20261203000001',
    );
    expect(en.ticketLine.sla_breached('System', t, { target: 'first_response' })).toBe(
      'SLA breached: first response (target 30 min) · protocol 20261203000001',
    );
    expect(pt.ticketLine.rated('Cliente', t)).toBe(
      'Cliente avaliou o atendimento com 5 de 5: “Ótimo” · protocolo 20261203000001',
    );
    expect(en.ticketLine.rated('Customer', { ...t, csat: { score: 2, comment: null, at: t.openedAt } })).toBe(
      'Customer rated the ticket 2 out of 5 · protocol 20261203000001',
    );
    expect(pt.ticketLine.kept_closed('Cliente', t)).toMatch(
      /ficou no atendimento 20261203000001 \(nenhum novo foi aberto\)/,
    );
    expect(pt.ticketLine.closed('Sistema', t, { reason: 'auto_closed' })).toMatch(
      /^Encerrado automaticamente/,
    );
  });
});
