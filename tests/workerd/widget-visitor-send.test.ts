// What a widget visitor sends besides text, through the real Worker, conversation object, R2 and Postgres:
// uploads with the visitor's token (own conversation only, the agents' type and size rules), attachment.send
// (this conversation's uploads only, the file must exist, idempotent, refused to agents), a picked option
// (message.send with choice) reaching the bot's menu and answering the CSAT list like a WhatsApp tap, and
// reply buttons / lists kept interactive for the widget to render.
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment, InboxServerFrame, Message } from '../../workers/contract';
import { menuFlow } from './bot-helpers';
import { type CareTenant, careTenant, messagesOf, ticketAction, ticketOf } from './care-helpers';
import { ownerClient } from './fresh-tenant';
import { api, call, errorCode, eventually, openInbox, openSocket, widgetSession } from './helpers';

const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0,
  1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
]);
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

let owner: Client;
/** A tenant with a bot widget channel (the menu flow) and CSAT on, after the bot too. */
let tenant: CareTenant;

beforeAll(async () => {
  owner = await ownerClient();
  tenant = await careTenant(owner, 'wvsend', {
    csat: { enabled: true, delaySeconds: 0, expiryHours: 24, afterBot: true },
  });
  const team = async (name: string) =>
    (
      await owner.query<{ id: string }>('insert into teams (tenant_id, name) values ($1, $2) returning id', [
        tenant.id,
        name,
      ])
    ).rows[0]?.id as string;
  const teams = {
    financeiro: await team('Financeiro'),
    suporte: await team('Suporte'),
    comercial: await team('Comercial'),
  };
  await owner.query(
    `insert into channels (tenant_id, kind, name, bot_enabled) values ($1, 'widget', 'Site', true)`,
    [tenant.id],
  );
  await owner.query(
    `insert into bot_flow_versions (tenant_id, version, definition, state, published_at)
     values ($1, 1, $2, 'published', now())`,
    [tenant.id, JSON.stringify(menuFlow(teams))],
  );
});

afterAll(async () => {
  await owner?.end();
});

function upload(conversationId: string, token: string, bytes: Uint8Array, type: string, filename?: string) {
  const q = filename ? `?filename=${encodeURIComponent(filename)}` : '';
  return call(`/api/conversations/${conversationId}/attachments${q}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body: new Blob([bytes.slice()]),
  });
}

async function uploaded(res: Response): Promise<Attachment & { key: string }> {
  const body = (await res.json()) as { attachment: Attachment & { key: string } };
  expect(res.status, JSON.stringify(body)).toBe(201);
  return body.attachment;
}

async function objectsUnder(prefix: string): Promise<number> {
  const { env } = await import('cloudflare:workers');
  return (await env.MEDIA.list({ prefix })).objects.length;
}

describe('visitor uploads', () => {
  it('takes an image and a PDF for their own conversation, typed by the bytes', async () => {
    const s = await widgetSession(tenant.slug);
    const image = await uploaded(
      await upload(s.conversationId, s.token, PNG, 'application/octet-stream', 'foto.png'),
    );
    expect(image).toMatchObject({
      kind: 'image',
      mimeType: 'image/png',
      filename: 'foto.png',
      state: 'ready',
    });
    expect(image.key.startsWith(`${tenant.id}/${s.conversationId}/uploads/`)).toBe(true);
    const pdf = await uploaded(await upload(s.conversationId, s.token, PDF, 'application/pdf', 'boleto.pdf'));
    expect(pdf).toMatchObject({ kind: 'document', mimeType: 'application/pdf', size: PDF.byteLength });
  });

  it('refuses a type agents may not send either, and a file over the limit; nothing stored', async () => {
    const s = await widgetSession(tenant.slug);
    const prefix = `${tenant.id}/${s.conversationId}/`;
    const html = await upload(
      s.conversationId,
      s.token,
      new TextEncoder().encode('<html><script>x</script>'),
      'text/html',
    );
    expect(html.status).toBe(415);
    expect(errorCode(await html.json())).toBe('unsupported_media_type');
    const big = await call(`/api/conversations/${s.conversationId}/attachments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${s.token}`,
        'content-type': 'image/png',
        'content-length': String(200 * 1024 * 1024),
      },
      body: new Blob([PNG.slice()]),
    });
    expect(big.status).toBe(413);
    expect(errorCode(await big.json())).toBe('payload_too_large');
    expect(await objectsUnder(prefix)).toBe(0);
  });

  it("answers 404 for another visitor's conversation, storing nothing there", async () => {
    const mine = await widgetSession(tenant.slug);
    const theirs = await widgetSession(tenant.slug);
    const res = await upload(theirs.conversationId, mine.token, PNG, 'image/png');
    expect(res.status).toBe(404);
    expect(errorCode(await res.json())).toBe('not_found');
    expect(await objectsUnder(`${tenant.id}/${theirs.conversationId}/`)).toBe(0);
  });

  it('leaves the agent path as it was: upload, then send through REST', async () => {
    const s = await widgetSession(tenant.slug);
    const a = await uploaded(
      await upload(s.conversationId, tenant.agent, PDF, 'application/pdf', 'contrato.pdf'),
    );
    const sent = await api('POST', `/api/conversations/${s.conversationId}/messages`, tenant.agent, {
      clientId: crypto.randomUUID(),
      text: 'Seu contrato',
      attachmentKey: a.key,
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const last = (await messagesOf(tenant.agent, s.conversationId)).at(-1);
    expect(last?.attachment).toMatchObject({ kind: 'document', filename: 'contrato.pdf' });
  });
});

describe('attachment.send', () => {
  it('stores a customer message with the file, acked, on the agents’ inbox; a repeat gets the same ack', async () => {
    const s = await widgetSession(tenant.slug);
    const inbox = await openInbox(tenant.agent);
    inbox.send({ type: 'hello', since: 0 });
    await inbox.next('ready');
    const a = await uploaded(await upload(s.conversationId, s.token, PNG, 'image/png', 'roteador.png'));
    const visitor = await openSocket(s.conversationId, s.token);
    visitor.send({ type: 'hello', since: 0 });
    await visitor.next('ready');
    const clientId = crypto.randomUUID();
    visitor.send({ type: 'attachment.send', clientId, key: a.key, caption: 'A luz está vermelha' });
    const ack = await visitor.next('ack');
    expect(ack).toMatchObject({ clientId });
    visitor.send({ type: 'attachment.send', clientId, key: a.key, caption: 'A luz está vermelha' });
    expect(await visitor.next('ack')).toEqual(ack);
    const mine = (await messagesOf(tenant.agent, s.conversationId)).filter((m) => m.attachment);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      text: 'A luz está vermelha',
      author: { kind: 'visitor' },
      attachment: {
        kind: 'image',
        mimeType: 'image/png',
        filename: 'roteador.png',
        key: a.key,
        state: 'ready',
      },
    });
    // The inbox's card shows it like any customer message.
    const card = await eventually('the inbox card', async () =>
      inbox.frames.find(
        (f): f is Extract<InboxServerFrame, { type: 'summary' }> =>
          f.type === 'summary' &&
          f.summary.conversationId === s.conversationId &&
          f.summary.lastMessage?.attachment === 'image',
      ),
    );
    expect(card.summary.lastMessage).toMatchObject({ text: 'A luz está vermelha', authorKind: 'visitor' });
    visitor.close();
    inbox.close();
  });

  it('refuses a key of another conversation, a missing file, and agents; nothing stored', async () => {
    const s = await widgetSession(tenant.slug);
    const other = await widgetSession(tenant.slug);
    const foreign = await uploaded(await upload(other.conversationId, other.token, PNG, 'image/png'));
    const visitor = await openSocket(s.conversationId, s.token);
    visitor.send({ type: 'hello', since: 0 });
    await visitor.next('ready');
    const before = (await messagesOf(tenant.agent, s.conversationId)).length;

    const c1 = crypto.randomUUID();
    visitor.send({ type: 'attachment.send', clientId: c1, key: foreign.key });
    expect(await visitor.next('error')).toMatchObject({ code: 'not_found', clientId: c1 });
    const c2 = crypto.randomUUID();
    const missing = `${tenant.id}/${s.conversationId}/uploads/${crypto.randomUUID()}`;
    visitor.send({ type: 'attachment.send', clientId: c2, key: missing });
    expect(await visitor.next('error')).toMatchObject({ code: 'not_found', clientId: c2 });

    const mine = await uploaded(await upload(s.conversationId, s.token, PNG, 'image/png'));
    const agent = await openSocket(s.conversationId, tenant.agent);
    agent.send({ type: 'hello', since: 0 });
    await agent.next('ready');
    const c3 = crypto.randomUUID();
    agent.send({ type: 'attachment.send', clientId: c3, key: mine.key });
    expect(await agent.next('error')).toMatchObject({ code: 'forbidden', clientId: c3 });

    expect(await messagesOf(tenant.agent, s.conversationId)).toHaveLength(before);
    expect(visitor.frames.filter((f) => f.type === 'ack')).toHaveLength(0);
    visitor.close();
    agent.close();
  });
});

describe('a picked option', () => {
  it('reaches the bot menu as a tap, then answers the CSAT list after the bot closes', async () => {
    const s = await widgetSession(tenant.slug);
    const visitor = await openSocket(s.conversationId, s.token);
    visitor.send({ type: 'hello', since: 0 });
    await visitor.next('ready');
    visitor.send({ type: 'message.send', clientId: crypto.randomUUID(), text: 'oi' });
    // The bot's menu goes to the widget as reply buttons (kept interactive), its text still the numbered one.
    const menu = await eventually('the menu as buttons', async () =>
      (await messagesOf(tenant.agent, s.conversationId)).find((m) => m.interactive?.kind === 'buttons'),
    );
    expect(menu.text).toContain('1. Horário de atendimento');
    const option = menu.interactive?.kind === 'buttons' ? menu.interactive.buttons[0] : undefined;
    // Titles follow WhatsApp's limits (20 characters for a button); the text keeps the whole label.
    expect(option?.title.startsWith('Horário de atendim')).toBe(true);
    const pick = crypto.randomUUID();
    visitor.send({
      type: 'message.send',
      clientId: pick,
      text: option?.title,
      choice: { id: option?.id },
    });
    await eventually('the bot’s answer', async () =>
      (await messagesOf(tenant.agent, s.conversationId)).find((m) => m.text === 'Atendemos das 8h às 18h.'),
    );
    const tapped = (await messagesOf(tenant.agent, s.conversationId)).find((m) => m.clientId === pick);
    expect(tapped?.choice).toEqual({ id: option?.id, title: option?.title });

    // The bot's end closes the ticket; the CSAT list follows (interactive on the widget).
    const list = await eventually('the CSAT list', async () =>
      (await messagesOf(tenant.agent, s.conversationId)).find((m) => m.interactive?.kind === 'list'),
    );
    const rows = list.interactive?.kind === 'list' ? list.interactive.sections[0]?.rows : [];
    expect(rows?.map((r) => r.id)).toEqual(['csat:1', 'csat:2', 'csat:3', 'csat:4', 'csat:5']);
    visitor.send({
      type: 'message.send',
      clientId: crypto.randomUUID(),
      text: rows?.[3]?.title,
      choice: { id: 'csat:4' },
    });
    const rated = await eventually('the rating', async () => {
      const t = await ticketOf(tenant.agent, s.conversationId);
      return t.csat ? t : null;
    });
    expect(rated.csat).toMatchObject({ score: 4 });
    visitor.close();
  });

  it('an id nobody offered is just text (no choice stored, no rating)', async () => {
    const s = await widgetSession(tenant.slug);
    const visitor = await openSocket(s.conversationId, s.token);
    visitor.send({ type: 'hello', since: 0 });
    await visitor.next('ready');
    const clientId = crypto.randomUUID();
    visitor.send({ type: 'message.send', clientId, text: 'quero cancelar', choice: { id: 'csat:5' } });
    await visitor.next('ack');
    const stored = (await messagesOf(tenant.agent, s.conversationId)).find((m) => m.clientId === clientId);
    expect(stored?.text).toBe('quero cancelar');
    expect(stored?.choice).toBeUndefined();
    visitor.close();
  });
});

describe('interactive messages to the widget', () => {
  it('an agent’s reply buttons reach the visitor as buttons, with the body as text', async () => {
    const s = await widgetSession(tenant.slug);
    await ticketAction(tenant.agent, s.conversationId, { action: 'take' });
    const visitor = await openSocket(s.conversationId, s.token);
    visitor.send({ type: 'hello', since: 0 });
    await visitor.next('ready');
    const interactive = {
      kind: 'buttons',
      body: 'A visita pode ser amanhã?',
      buttons: [
        { id: 'visita.sim', title: 'Sim' },
        { id: 'visita.nao', title: 'Não' },
      ],
    };
    const res = await api('POST', `/api/conversations/${s.conversationId}/messages`, tenant.agent, {
      clientId: crypto.randomUUID(),
      text: '',
      interactive,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const frame = await eventually('the event on the visitor socket', async () =>
      visitor.events().find((e) => e.event.type === 'message.created' && e.event.message.interactive),
    );
    const message = (frame.event as { message: Message }).message;
    expect(message.text).toBe('A visita pode ser amanhã?');
    expect(message.interactive).toEqual(interactive);
    // And the visitor's tap on it is stored as the choice.
    const clientId = crypto.randomUUID();
    visitor.send({ type: 'message.send', clientId, text: 'Sim', choice: { id: 'visita.sim' } });
    await visitor.next('ack');
    const tap = (await messagesOf(tenant.agent, s.conversationId)).find((m) => m.clientId === clientId);
    expect(tap?.choice).toEqual({ id: 'visita.sim', title: 'Sim' });
    visitor.close();
  });
});
