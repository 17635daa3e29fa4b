// CSAT after a close, through the real webhooks, objects, provider listener and Postgres: inside WhatsApp's
// 24 h window a list of five rows reaches the provider, outside it the approved template carries the
// protocol (and with no approved template nothing goes, nothing is stored); a tap or a free-text answer rates
// the closed ticket without opening a new one, the next text is its comment, a second answer changes
// nothing, an expired survey is an ordinary message; the rating reaches tickets.csat / csat_comment. And the
// answer parser on its own (pt-BR and English, digits, words, stars, emoji, nothing read into a sentence).
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csatChoiceScore, parseCsatAnswer } from '../../durable-objects/conversation/care/csat-answer';
import {
  type CareTenant,
  careTenant,
  cloudCustomer,
  evolutionCustomer,
  messagesOf,
  setClock,
  settled,
  ticketAction,
  ticketEventsOf,
  ticketOf,
} from './care-helpers';
import { ownerClient } from './fresh-tenant';
import { api, eventually, widgetSession } from './helpers';

describe('the CSAT answer parser', () => {
  it('reads digits, words, stars and emoji in pt-BR and English', () => {
    const cases: [string, number][] = [
      ['5', 5],
      ['nota 5', 5],
      ['Nota: 3!', 3],
      ['dou 4', 4],
      ['4/5', 4],
      ['5 estrelas', 5],
      ['nota cinco', 5],
      ['ótimo', 5],
      ['Excelente!!', 5],
      ['foi muito bom', 5],
      ['o atendimento foi ótimo', 5],
      ['bom', 4],
      ['mais ou menos', 3],
      ['ruim', 2],
      ['péssimo', 1],
      ['PÉSSIMA', 1],
      ['⭐⭐⭐⭐', 4],
      ['★★★', 3],
      ['👍', 5],
      ['👎', 1],
      ['I give it 5', 5],
      ['great', 5],
      ['terrible', 1],
    ];
    for (const [text, score] of cases) expect(parseCsatAnswer(text), text).toBe(score);
  });

  it('reads nothing into a sentence, a greeting, a thanks or an out-of-range number', () => {
    for (const text of [
      'minha internet está ruim de novo',
      'bom dia',
      'boa tarde, tudo bem?',
      'obrigado 👍',
      'ok',
      '6',
      '0',
      '10',
      '5 reais',
      '',
      '⭐⭐⭐⭐⭐⭐',
    ]) {
      expect(parseCsatAnswer(text), text).toBeNull();
    }
  });

  it('reads a list tap by its row id only', () => {
    expect(csatChoiceScore('csat:4')).toBe(4);
    expect(csatChoiceScore('csat:6')).toBeNull();
    expect(csatChoiceScore('menu.4')).toBeNull();
  });
});

let owner: Client;
let tenant: CareTenant;

beforeAll(async () => {
  owner = await ownerClient();
  tenant = await careTenant(owner, 'csat', {
    csat: { enabled: true, delaySeconds: 0, expiryHours: 24 },
  });
});

afterAll(async () => {
  await owner?.end();
});

async function ticketRows(conversationId: string) {
  const r = await owner.query<{
    protocol: string;
    status: string;
    csat: number | null;
    csat_comment: string | null;
  }>(
    'select protocol, status, csat, csat_comment from tickets where conversation_id = $1 order by opened_at',
    [conversationId],
  );
  return r.rows;
}

describe('CSAT over WhatsApp', () => {
  it('inside the window: a list of five rows; a tap rates the closed ticket, the next text is the comment', async () => {
    const c = await evolutionCustomer(owner, tenant);
    await c.says('minha internet está lenta');
    const id = await c.conversationId();
    await ticketAction(tenant.agent, id, { action: 'take' });
    await ticketAction(tenant.agent, id, { action: 'close' });
    const { protocol } = await ticketOf(tenant.agent, id);

    const list = await eventually('the list at the provider', async () =>
      (await c.sent()).find((s) => s.path.includes('sendList') && s.body.number === c.phone),
    );
    const sections = list.body.sections as { rows: { rowId: string; title: string }[] }[];
    expect(sections.flatMap((s) => s.rows.map((r) => r.rowId))).toEqual([
      'csat:1',
      'csat:2',
      'csat:3',
      'csat:4',
      'csat:5',
    ]);
    expect(sections[0]?.rows[4]?.title).toBe('5 · Excelente');
    expect(String(list.body.title)).toContain(protocol);
    const question = (await messagesOf(tenant.agent, id)).find((m) => m.interactive);
    expect(question).toMatchObject({ author: { kind: 'bot' }, interactive: { kind: 'list' } });

    await c.taps('csat:5', '5 · Excelente');
    const rated = await eventually('the rating', async () => (await ticketOf(tenant.agent, id)).csat ?? null);
    expect(rated).toMatchObject({ score: 5, comment: null });
    await eventually('the thanks', async () =>
      (await messagesOf(tenant.agent, id)).find(
        (m) => m.author.kind === 'bot' && /Obrigado pela avaliação/.test(m.text),
      ),
    );

    await c.says('O técnico foi muito atencioso');
    const commented = await eventually(
      'the comment',
      async () => (await ticketOf(tenant.agent, id)).csat?.comment,
    );
    expect(commented).toBe('O técnico foi muito atencioso');
    const ticket = await ticketOf(tenant.agent, id);
    expect(ticket).toMatchObject({ status: 'closed', protocol, csat: { score: 5 } });
    const changes = (await ticketEventsOf(tenant.agent, id)).map((e) => e.change);
    expect(changes.filter((c) => c === 'rated')).toHaveLength(2);
    expect(changes.filter((c) => c === 'opened')).toEqual([]);
    const rating = (await ticketEventsOf(tenant.agent, id)).find((e) => e.change === 'rated');
    expect(rating?.by).toMatchObject({ kind: 'contact' });

    // Archived: one ticket, closed, with the score and the comment.
    const rows = await eventually('the archived rating', async () => {
      const r = await ticketRows(id);
      return r[0]?.csat_comment ? r : null;
    });
    expect(rows).toEqual([
      { protocol, status: 'closed', csat: 5, csat_comment: 'O técnico foi muito atencioso' },
    ]);
  });

  it('a second answer is ignored: no change, no new ticket', async () => {
    const c = await evolutionCustomer(owner, tenant);
    await c.says('sem sinal');
    const id = await c.conversationId();
    await ticketAction(tenant.agent, id, { action: 'take' });
    await ticketAction(tenant.agent, id, { action: 'close' });
    await eventually('the list', async () => (await messagesOf(tenant.agent, id)).find((m) => m.interactive));
    await c.says('ótimo');
    await eventually('the rating', async () => (await ticketOf(tenant.agent, id)).csat ?? null);
    const before = (await ticketEventsOf(tenant.agent, id)).length;
    await c.says('ruim');
    await c.taps('csat:1', '1 · Péssimo');
    await eventually('both answers stored', async () => {
      const m = await messagesOf(tenant.agent, id);
      return m.some((x) => x.choice?.id === 'csat:1') ? m : null;
    });
    await settled(tenant.agent, id);
    expect(await ticketEventsOf(tenant.agent, id)).toHaveLength(before);
    expect(await ticketOf(tenant.agent, id)).toMatchObject({
      status: 'closed',
      csat: { score: 5, comment: null },
    });
  });

  it('outside the window: the approved template with the protocol; a free-text answer is understood', async () => {
    const c = await cloudCustomer(owner, tenant, [
      {
        name: 'avaliacao_atendimento',
        body: 'Como foi o atendimento do protocolo {{1}}? Responda com uma nota de 1 a 5.',
      },
    ]);
    await c.says('preciso de ajuda', new Date(Date.now() - 26 * 3600_000));
    const id = await c.conversationId();
    await ticketAction(tenant.agent, id, { action: 'take' });
    await ticketAction(tenant.agent, id, { action: 'close' });
    const { protocol } = await ticketOf(tenant.agent, id);
    const question = await eventually('the template', async () =>
      (await messagesOf(tenant.agent, id)).find((m) => m.template),
    );
    expect(question).toMatchObject({
      author: { kind: 'bot' },
      text: `Como foi o atendimento do protocolo ${protocol}? Responda com uma nota de 1 a 5.`,
      template: { name: 'avaliacao_atendimento', language: 'pt_BR', parameters: [protocol] },
    });
    expect(question.interactive).toBeUndefined();

    // Two hours later (past the thanks grace, inside the survey's 24 h): the answer, then a thanks.
    await setClock(tenant.id, id, new Date(Date.now() + 2 * 3600_000));
    await c.says('nota 4');
    const rated = await eventually('the rating', async () => (await ticketOf(tenant.agent, id)).csat ?? null);
    expect(rated).toMatchObject({ score: 4 });
    await c.says('Obrigado!');
    await eventually('the thanks kept', async () =>
      (await ticketEventsOf(tenant.agent, id)).find((e) => e.change === 'kept_closed'),
    );
    expect(await ticketOf(tenant.agent, id)).toMatchObject({
      status: 'closed',
      protocol,
      csat: { score: 4, comment: null },
    });
    expect((await ticketEventsOf(tenant.agent, id)).some((e) => e.change === 'opened')).toBe(false);
  });

  it('outside the window with no approved template: nothing is asked, nothing stored', async () => {
    const c = await cloudCustomer(owner, tenant, [
      { name: 'avaliacao_atendimento', body: 'Nota do protocolo {{1}}?', status: 'PENDING' },
    ]);
    await c.says('oi', new Date(Date.now() - 30 * 3600_000));
    const id = await c.conversationId();
    await ticketAction(tenant.agent, id, { action: 'take' });
    await ticketAction(tenant.agent, id, { action: 'close' });
    const events = await settled(tenant.agent, id);
    const messages = events.flatMap((e) => (e.event.type === 'message.created' ? [e.event.message] : []));
    expect(messages.map((m) => m.author.kind)).toEqual(['contact']);
  });

  it('an expired survey is ignored: the answer is an ordinary message and opens a new ticket', async () => {
    const c = await evolutionCustomer(owner, tenant);
    await c.says('a fatura veio errada');
    const id = await c.conversationId();
    await ticketAction(tenant.agent, id, { action: 'take' });
    await ticketAction(tenant.agent, id, { action: 'close' });
    const closed = await ticketOf(tenant.agent, id);
    await eventually('the list', async () => (await messagesOf(tenant.agent, id)).find((m) => m.interactive));
    await setClock(tenant.id, id, new Date(Date.now() + 25 * 3600_000));
    await c.says('5');
    const opened = await eventually('a new ticket', async () =>
      (await ticketEventsOf(tenant.agent, id)).find((e) => e.change === 'opened'),
    );
    expect(opened.ticket.protocol).not.toBe(closed.protocol);
    expect(opened.ticket.status).toBe('queued');
    expect((await ticketEventsOf(tenant.agent, id)).some((e) => e.change === 'rated')).toBe(false);
  });
});

describe('CSAT delay', () => {
  it('asks only once the configured delay has passed on the object’s clock', async () => {
    const delayed = await careTenant(owner, 'csat-delay', {
      csat: { enabled: true, delaySeconds: 600 },
    });
    const c = await evolutionCustomer(owner, delayed);
    await c.says('o sinal oscila');
    const id = await c.conversationId();
    await ticketAction(delayed.agent, id, { action: 'take' });
    await ticketAction(delayed.agent, id, { action: 'close' });
    await setClock(delayed.id, id, new Date(Date.now() + 5 * 60_000));
    await settled(delayed.agent, id);
    expect((await messagesOf(delayed.agent, id)).some((m) => m.interactive)).toBe(false);
    await setClock(delayed.id, id, new Date(Date.now() + 11 * 60_000));
    await eventually('the list at the provider', async () =>
      (await c.sent()).find((s) => s.path.includes('sendList') && s.body.number === c.phone),
    );
    expect((await messagesOf(delayed.agent, id)).filter((m) => m.interactive)).toHaveLength(1);
  });
});

describe('CSAT in the widget', () => {
  it('stores the same list; its customer reads the question', async () => {
    await owner.query(`insert into channels (tenant_id, kind, name) values ($1, 'widget', 'Site')`, [
      tenant.id,
    ]);
    const session = await widgetSession(tenant.slug);
    const id = session.conversationId;
    await ticketAction(tenant.agent, id, { action: 'take' });
    await ticketAction(tenant.agent, id, { action: 'close' });
    const question = await eventually('the list', async () =>
      (await messagesOf(tenant.agent, id)).find((m) => m.interactive),
    );
    expect(question.interactive).toMatchObject({ kind: 'list', sections: [{ rows: expect.any(Array) }] });
    const visitor = await api<{ events: { event: { type: string; message?: { text: string } } }[] }>(
      'GET',
      `/api/conversations/${id}/events?limit=20`,
      session.token,
    );
    const texts = visitor.body.events.flatMap((e) => (e.event.message ? [e.event.message.text] : []));
    expect(texts.some((t) => t.startsWith('Como você avalia o atendimento'))).toBe(true);
  });
});
