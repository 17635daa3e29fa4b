// After-care around a close, through the real webhooks, objects, provider listener and Postgres: a short
// thanks right after a close stays on the closed ticket (no new protocol) while a new demand opens a new
// ticket; auto-close after the configured time with its message and the CSAT question, never while the
// customer wrote last; outside business hours the "we're back at…" notice once per closed period, not per
// message. Clocks are the conversation object's (setClockForTests). And the pure rules: the thanks matcher,
// the opening hours (lunch breaks, holidays, DST) and how the opening is worded.
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOpening } from '../../durable-objects/conversation/care/after-hours';
import { openingHours } from '../../durable-objects/conversation/care/opening-hours';
import { isShortThanks } from '../../durable-objects/conversation/care/thanks';
import { BusinessHours } from '../../workers/contract';
import {
  agentSays,
  type CareTenant,
  careTenant,
  evolutionCustomer,
  messagesOf,
  setClock,
  settled,
  ticketAction,
  ticketEventsOf,
  ticketOf,
} from './care-helpers';
import { ownerClient } from './fresh-tenant';
import { eventually } from './helpers';

const WEEKDAYS_8_TO_18 = BusinessHours.parse({
  timezone: null,
  week: {
    mon: [
      { from: '08:00', to: '12:00' },
      { from: '13:00', to: '18:00' },
    ],
    tue: [{ from: '08:00', to: '18:00' }],
    wed: [{ from: '08:00', to: '18:00' }],
    thu: [{ from: '08:00', to: '18:00' }],
    fri: [{ from: '08:00', to: '18:00' }],
  },
  holidays: [{ date: '2026-12-25', name: 'Natal' }],
});

describe('the thanks matcher', () => {
  it('keeps short thanks in pt-BR and English', () => {
    for (const text of [
      'Obrigado!',
      'obg',
      'valeu',
      'Valeu, resolveu!',
      'ok, obrigada',
      '👍',
      '🙏',
      'thanks',
      'Thank you so much!',
      'obrigado 🙏',
    ]) {
      expect(isShortThanks(text), text).toBe(true);
    }
  });

  it('anything that says more is a new demand', () => {
    for (const text of [
      'minha internet caiu de novo',
      'obrigado, mas a internet caiu',
      'oi',
      'ok',
      'quero cancelar',
      '😡',
      '',
    ]) {
      expect(isShortThanks(text), text).toBe(false);
    }
  });
});

describe('opening hours', () => {
  const sp = openingHours(WEEKDAYS_8_TO_18, 'America/Sao_Paulo');

  it('knows lunch breaks, weekends and holidays, and says when people are back', () => {
    const saturdayNight = new Date('2026-12-05T23:00:00-03:00');
    expect(sp.isOpenAt(saturdayNight)).toBe(false);
    const monday = sp.nextOpeningAfter(saturdayNight);
    expect(monday?.toISOString()).toBe('2026-12-07T11:00:00.000Z');
    expect(describeOpening(monday as Date, saturdayNight, 'America/Sao_Paulo', 'pt-BR')).toBe(
      'segunda-feira às 08:00',
    );
    expect(describeOpening(monday as Date, saturdayNight, 'America/Sao_Paulo', 'en')).toBe(
      'on Monday at 08:00',
    );
    const lunch = new Date('2026-12-07T12:30:00-03:00');
    expect(sp.isOpenAt(lunch)).toBe(false);
    expect(sp.isOpenAt(new Date('2026-12-07T13:00:00-03:00'))).toBe(true);
    expect(describeOpening(sp.nextOpeningAfter(lunch) as Date, lunch, 'America/Sao_Paulo', 'pt-BR')).toBe(
      'hoje às 13:00',
    );
    const christmasEve = new Date('2026-12-24T19:00:00-03:00');
    expect(sp.nextOpeningAfter(christmasEve)?.toISOString()).toBe('2026-12-28T11:00:00.000Z');
    const thursdayNight = new Date('2026-12-03T20:00:00-03:00');
    expect(
      describeOpening(
        sp.nextOpeningAfter(thursdayNight) as Date,
        thursdayNight,
        'America/Sao_Paulo',
        'pt-BR',
      ),
    ).toBe('amanhã às 08:00');
  });

  it('reads local time across a daylight-saving change', () => {
    const ny = openingHours(WEEKDAYS_8_TO_18, 'America/New_York');
    // Clocks go forward on Sunday 2026-03-08: Monday 08:00 is 12:00 UTC, not 13:00.
    expect(ny.nextOpeningAfter(new Date('2026-03-07T23:00:00-05:00'))?.toISOString()).toBe(
      '2026-03-09T12:00:00.000Z',
    );
  });
});

let owner: Client;
/** Always open (no hours): thanks and auto-close without after-hours notices. */
let open: CareTenant;
/** Weekdays 08:00–18:00 in São Paulo. */
let hours: CareTenant;

beforeAll(async () => {
  owner = await ownerClient();
  open = await careTenant(owner, 'care', {
    csat: { enabled: true, delaySeconds: 0 },
    autoClose: { enabled: true, minutes: 30 },
    thanksGraceMinutes: 10,
  });
  hours = await careTenant(owner, 'horario', { csat: { enabled: false } }, WEEKDAYS_8_TO_18);
});

afterAll(async () => {
  await owner?.end();
});

describe('thanks after a close', () => {
  it('"Obrigado!" two minutes after a close stays on the closed ticket; a new demand opens a new one', async () => {
    const c = await evolutionCustomer(owner, open);
    await c.says('minha internet caiu');
    const id = await c.conversationId();
    await ticketAction(open.agent, id, { action: 'take' });
    await ticketAction(open.agent, id, { action: 'close' });
    const closed = await ticketOf(open.agent, id);
    await eventually('the CSAT question', async () =>
      (await messagesOf(open.agent, id)).find((m) => m.interactive),
    );

    await setClock(open.id, id, new Date(Date.now() + 2 * 60_000));
    await c.says('Obrigado!');
    const kept = await eventually('kept on the closed ticket', async () =>
      (await ticketEventsOf(open.agent, id)).find((e) => e.change === 'kept_closed'),
    );
    expect(kept.ticket).toMatchObject({
      ticketId: closed.ticketId,
      protocol: closed.protocol,
      status: 'closed',
    });
    expect(kept.by).toMatchObject({ kind: 'contact' });
    await settled(open.agent, id);
    expect((await ticketEventsOf(open.agent, id)).some((e) => e.change === 'opened')).toBe(false);
    const rows = await owner.query('select 1 from tickets where conversation_id = $1', [id]);
    expect(rows.rowCount).toBe(1);

    await c.says('minha internet caiu de novo');
    const opened = await eventually('a new ticket', async () =>
      (await ticketEventsOf(open.agent, id)).find((e) => e.change === 'opened'),
    );
    expect(opened.ticket.protocol).not.toBe(closed.protocol);
    expect(opened.ticket.status).toBe('queued');
  });

  it('after the grace period a thanks opens a new ticket as any message does', async () => {
    const c = await evolutionCustomer(owner, open);
    await c.says('sem sinal');
    const id = await c.conversationId();
    await ticketAction(open.agent, id, { action: 'take' });
    await ticketAction(open.agent, id, { action: 'close' });
    const closed = await ticketOf(open.agent, id);
    await eventually('the CSAT question', async () =>
      (await messagesOf(open.agent, id)).find((m) => m.interactive),
    );
    await setClock(open.id, id, new Date(Date.now() + 11 * 60_000));
    await c.says('obrigado');
    const opened = await eventually('a new ticket', async () =>
      (await ticketEventsOf(open.agent, id)).find((e) => e.change === 'opened'),
    );
    expect(opened.ticket.protocol).not.toBe(closed.protocol);
  });
});

describe('auto-close', () => {
  it('closes a ticket waiting on the customer after the configured time, with the message and the CSAT question', async () => {
    const c = await evolutionCustomer(owner, open);
    await c.says('a internet está lenta');
    const id = await c.conversationId();
    await ticketAction(open.agent, id, { action: 'take' });
    await agentSays(open.agent, id, 'Pode reiniciar o roteador e me dizer se voltou?');
    // Not yet: 29 minutes.
    await setClock(open.id, id, new Date(Date.now() + 29 * 60_000));
    await settled(open.agent, id);
    expect(await ticketOf(open.agent, id)).toMatchObject({ status: 'assigned' });

    await setClock(open.id, id, new Date(Date.now() + 31 * 60_000));
    const closing = await eventually('the close', async () =>
      (await ticketEventsOf(open.agent, id)).find((e) => e.change === 'closed'),
    );
    expect(closing).toMatchObject({
      by: { kind: 'system' },
      detail: { reason: 'auto_closed' },
      ticket: { status: 'closed', resolvedBy: 'agent' },
    });
    const messages = await eventually('the CSAT question', async () => {
      const m = await messagesOf(open.agent, id);
      return m.some((x) => x.interactive) ? m : null;
    });
    const bot = messages.filter((m) => m.author.kind === 'bot');
    expect(bot[0]?.text).toMatch(/^Como não tivemos retorno, estamos encerrando este atendimento/);
    expect(bot[1]?.interactive).toMatchObject({ kind: 'list' });
    // And they reach the customer's WhatsApp.
    await eventually('both at the provider', async () => {
      const sent = (await c.sent()).filter((s) => s.body.number === c.phone);
      return sent.some((s) => s.path.includes('sendList')) &&
        sent.some((s) => String(s.body.text).startsWith('Como não tivemos retorno'))
        ? sent
        : null;
    });
  });

  it('never while the customer is the last to have written', async () => {
    const c = await evolutionCustomer(owner, open);
    await c.says('meu boleto não chegou');
    const id = await c.conversationId();
    await ticketAction(open.agent, id, { action: 'take' });
    await agentSays(open.agent, id, 'Vou verificar, um momento.');
    await c.says('ok, aguardo');
    await eventually('the customer message', async () =>
      (await messagesOf(open.agent, id)).find((m) => m.text === 'ok, aguardo'),
    );
    await setClock(open.id, id, new Date(Date.now() + 3 * 3600_000));
    const events = await settled(open.agent, id);
    expect(events.some((e) => e.event.type === 'ticket.changed' && e.event.change === 'closed')).toBe(false);
    expect(await ticketOf(open.agent, id)).toMatchObject({ status: 'assigned' });
    expect((await messagesOf(open.agent, id)).filter((m) => m.author.kind === 'bot')).toEqual([]);
  });
});

/**
 * Saturday 23:00 in São Paulo (UTC-3 all year) two to three weeks after the real clock. The suite runs at any
 * hour: the first message, sent on the real clock, may fall in a closed period and get that period's notice,
 * so the periods the test moves the clock into must never be that one (on a Friday evening they were).
 */
function saturdayNightAhead(): Date {
  const local = new Date(Date.now() + 14 * 86_400_000 - 3 * 3_600_000);
  const toSaturday = (6 - local.getUTCDay() + 7) % 7;
  return new Date(
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + toSaturday, 23 + 3),
  );
}

const HOUR_MS = 3_600_000;

describe('after hours', () => {
  it('the customer hears when people are back once per closed period, not per message', async () => {
    const saturday = saturdayNightAhead();
    const at = (hoursAfter: number) => new Date(saturday.getTime() + hoursAfter * HOUR_MS);
    const c = await evolutionCustomer(owner, hours);
    await c.says('oi, estou sem internet');
    const id = await c.conversationId();
    // The notices of the periods this test is in: each is posted as `after-hours-<opening ms>`, and a notice of
    // the real clock's period (the first message's) names an opening before that Saturday.
    const notices = async () =>
      (await messagesOf(hours.agent, id)).filter(
        (m) =>
          m.author.kind === 'bot' &&
          m.text.startsWith('Nosso atendimento volta') &&
          Number(m.clientId?.replace('after-hours-', '')) > saturday.getTime(),
      );
    await settled(hours.agent, id);
    expect(await notices()).toEqual([]);

    // Saturday night: back on Monday at 08:00.
    await setClock(hours.id, id, saturday);
    await c.says('alguém aí?');
    const told = await eventually('the notice', async () => {
      const n = await notices();
      return n.length > 0 ? n : null;
    });
    expect(told.map((m) => m.text)).toEqual(['Nosso atendimento volta segunda-feira às 08:00.']);
    await c.says('preciso de ajuda urgente');
    await c.says('???');
    await settled(hours.agent, id);
    expect((await notices()).filter((m) => m.text.includes('segunda-feira às 08:00'))).toHaveLength(1);

    // Open on Monday morning: nothing; Monday lunch break: a new closed period, told once.
    await setClock(hours.id, id, at(34)); // Monday 09:00
    await c.says('bom dia');
    await setClock(hours.id, id, at(37.25)); // Monday 12:15
    await c.says('ainda sem internet');
    await c.says('alô');
    await eventually('the lunch notice', async () =>
      (await notices()).find((m) => m.text === 'Nosso atendimento volta hoje às 13:00.'),
    );
    await settled(hours.agent, id);
    const all = await notices();
    expect(all.map((m) => m.text)).toEqual([
      'Nosso atendimento volta segunda-feira às 08:00.',
      'Nosso atendimento volta hoje às 13:00.',
    ]);
    // Sent to the customer's WhatsApp as well.
    expect((await c.sent()).some((s) => s.body.text === 'Nosso atendimento volta hoje às 13:00.')).toBe(true);
  });
});
