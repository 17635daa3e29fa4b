// WhatsApp out: agent replies leave in seq order, paced per number and recipient, retried through throttling,
// failed visibly on permanent errors; the 24 h window refuses free text before storing; templates and files
// go out; admins add, test and remove numbers and see health turn bad when the token is invalid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import { ACME } from '../support/fixtures';
import { agentToken, api, eventually, RecordingClient, socketUrl, startE2eStack } from './stack';
import {
  connectCloudNumber,
  conversationOf,
  events,
  messages,
  ownerQuery,
  statuses,
  type TestNumber,
} from './whatsapp-helpers';

let stack: Stack;
let admin: string;
let agent: string;
let paced: TestNumber;

const [adminUser, agentUser] = ACME.users as [(typeof ACME.users)[0], (typeof ACME.users)[0]];
/** Pacing small enough for a test, large enough to see: one message per 100 ms to the same customer. */
const PAIR_INTERVAL_MS = 100;

beforeAll(async () => {
  stack = await startE2eStack('whatsapp-outbound');
  admin = await agentToken(stack, adminUser.email, adminUser.password);
  agent = await agentToken(stack, agentUser.email, agentUser.password);
  paced = await connectCloudNumber(stack, admin, { pairIntervalMs: PAIR_INTERVAL_MS, pairBurst: 1 });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

/** A customer writes first (opening the 24 h window); returns their conversation. */
async function customer(phone: string, number = paced, secondsAgo = 0): Promise<string> {
  const res = await stack.whatsapp.inbound({
    phoneNumberId: number.phoneNumberId,
    from: phone,
    name: 'Cliente',
    text: 'Olá',
    timestamp: Math.floor(Date.now() / 1000) - secondsAgo,
  });
  expect(res.status).toBe(200);
  return conversationOf(stack, number.channelId, phone);
}

const post = (conversationId: string, body: Record<string, unknown>, token = agent) =>
  api<{ seq?: number; error?: { code: string } }>(stack, `/api/conversations/${conversationId}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify({ clientId: crypto.randomUUID(), ...body }),
  });

function gaps(times: number[]): number[] {
  return times.slice(1).map((t, i) => t - (times[i] as number));
}

describe('outbound order and pacing', () => {
  it('delivers twenty replies sent in a burst, in order, paced per recipient', async () => {
    const phone = '5531992220001';
    const id = await customer(phone);
    const socket = new RecordingClient(socketUrl(stack, id, agent));
    await socket.live();
    const texts = Array.from({ length: 20 }, (_, i) => `resposta ${i + 1} ✅`);
    for (const t of texts) socket.client.send(t);
    const sent = await stack.whatsapp.whenSent(20, { to: phone }, 30_000);
    socket.client.close();
    expect(sent.map((s) => s.text)).toEqual(texts);
    // Each send starts at least one pair interval after the previous one (a little slack for the network).
    expect(Math.min(...gaps(sent.map((s) => s.at)))).toBeGreaterThanOrEqual(PAIR_INTERVAL_MS * 0.8);
    // The agent sees every message accepted, with the provider's id.
    await eventually('all accepted', async () => {
      const s = statuses(await events(stack, agent, id));
      return [...s.values()].filter((v) => v.status === 'accepted').length === 20;
    });
  });

  it('retries through 130429 throttling and still delivers in order, paced', async () => {
    const phone = '5531992220002';
    const id = await customer(phone);
    stack.whatsapp.injectFaults(
      'send',
      [
        {
          status: 400,
          code: 130429,
          title: 'Rate limit hit',
          message: 'Cloud API message throughput has been reached.',
        },
        { status: 503, code: 131000, title: 'Something went wrong' },
      ],
      paced.phoneNumberId,
    );
    const texts = ['um', 'dois', 'três', 'quatro', 'cinco'];
    for (const text of texts) expect((await post(id, { text })).status).toBe(201);
    const sent = await stack.whatsapp.whenSent(5, { to: phone }, 30_000);
    expect(sent.map((s) => s.text)).toEqual(texts);
    const tried = stack.whatsapp.attempts({ to: phone });
    expect(tried.map((a) => a.status)).toEqual([400, 503, 200, 200, 200, 200, 200]);
    expect(Math.min(...gaps(sent.map((s) => s.at)))).toBeGreaterThanOrEqual(PAIR_INTERVAL_MS * 0.8);
  });

  it('marks a message failed with Meta’s reason on a permanent error, and sends the next one', async () => {
    const phone = '5531992220003';
    const id = await customer(phone);
    stack.whatsapp.injectFaults(
      'send',
      [
        {
          status: 400,
          code: 131026,
          title: 'Message undeliverable',
          message: 'Receiver is incapable of receiving this message',
        },
      ],
      paced.phoneNumberId,
    );
    const first = await post(id, { text: 'não vai chegar' });
    const second = await post(id, { text: 'esta chega' });
    const sent = await stack.whatsapp.whenSent(1, { to: phone }, 15_000);
    expect(sent.map((s) => s.text)).toEqual(['esta chega']);
    await eventually('statuses settled', async () => statuses(await events(stack, agent, id)).size === 2);
    const s = statuses(await events(stack, agent, id));
    expect(s.get(first.body.seq as number)).toEqual({
      status: 'failed',
      error: {
        code: 131026,
        // Graph prefixes its messages with the code, as in "(#131026) Message undeliverable".
        title: expect.stringContaining('Message undeliverable'),
        message: 'Receiver is incapable of receiving this message',
      },
    });
    expect(s.get(second.body.seq as number)?.status).toBe('accepted');
  });
});

describe('what the customer sees of the agent', () => {
  it('gets blue ticks when an agent reads, and a typing indicator when an agent types', async () => {
    const phone = '5531992220006';
    const inbound = await stack.whatsapp.inbound({
      phoneNumberId: paced.phoneNumberId,
      from: phone,
      text: 'alguém aí?',
    });
    const id = await conversationOf(stack, paced.channelId, phone);
    const socket = new RecordingClient(socketUrl(stack, id, agent));
    await socket.live();
    socket.client.markRead(1);
    socket.client.markRead(1); // already read: no second receipt
    await eventually('read receipt', () =>
      stack.whatsapp.receipts().some((r) => r.messageId === inbound.externalId),
    );
    socket.client.typing(true);
    await eventually('typing indicator', () =>
      stack.whatsapp.receipts().some((r) => r.messageId === inbound.externalId && r.typing),
    );
    socket.client.close();
    const mine = stack.whatsapp.receipts().filter((r) => r.messageId === inbound.externalId);
    expect(mine.map((r) => r.typing)).toEqual([false, true]);
  });
});

describe('24-hour window and templates', () => {
  it('refuses free text outside the window before storing it, and sends an approved template instead', async () => {
    const phone = '5531992220004';
    const id = await customer(phone, paced, 25 * 60 * 60);
    const before = (await events(stack, agent, id)).length;
    const state = await api<{ whatsapp: boolean; windowOpen: boolean }>(
      stack,
      `/api/conversations/${id}/channel`,
      {
        headers: { authorization: `Bearer ${agent}` },
      },
    );
    expect(state.body).toMatchObject({ whatsapp: true, windowOpen: false });
    const refused = await post(id, { text: 'oi, tudo certo?' });
    expect(refused.status).toBe(422);
    expect(refused.body.error?.code).toBe('window_closed');
    // The same refusal over the agent's socket, as an error frame tied to the clientId.
    const ws = new WebSocket(socketUrl(stack, id, agent));
    const frames: { type: string; code?: string; clientId?: string }[] = [];
    ws.addEventListener('message', (m) => frames.push(JSON.parse(String(m.data))));
    await new Promise((r) => ws.addEventListener('open', r));
    ws.send(JSON.stringify({ type: 'message.send', clientId: 'window-closed-1', text: 'oi' }));
    await eventually('error frame', () => frames.some((f) => f.type === 'error'));
    ws.close();
    expect(frames.find((f) => f.type === 'error')).toMatchObject({
      code: 'window_closed',
      clientId: 'window-closed-1',
    });
    expect((await events(stack, agent, id)).length).toBe(before);

    const sync = await api<{ templates: { name: string }[] }>(
      stack,
      `/api/channels/${paced.channelId}/templates/sync`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}` },
      },
    );
    expect(sync.status).toBe(200);
    expect(sync.body.templates.map((t) => t.name).sort()).toEqual([
      'avaliacao_atendimento',
      'boas_vindas',
      'fatura_disponivel',
    ]);
    const badParams = await post(id, {
      template: { name: 'fatura_disponivel', language: 'pt_BR', parameters: ['Maria'] },
    });
    expect(badParams.status).toBe(400);
    const unknown = await post(id, { template: { name: 'nao_existe', language: 'pt_BR', parameters: [] } });
    expect(unknown.status).toBe(400);
    const ok = await post(id, {
      template: { name: 'fatura_disponivel', language: 'pt_BR', parameters: ['Maria', 'novembro'] },
    });
    expect(ok.status).toBe(201);
    const [sent] = await stack.whatsapp.whenSent(1, { to: phone }, 15_000);
    expect(sent?.template).toEqual({
      name: 'fatura_disponivel',
      language: 'pt_BR',
      parameters: ['Maria', 'novembro'],
    });
    const shown = messages(await events(stack, agent, id)).at(-1);
    expect(shown?.text).toBe('Olá Maria, sua fatura de novembro está disponível.');
  });
});

describe('attachments', () => {
  it('uploads a PDF and sends it as a WhatsApp document', async () => {
    const phone = '5531992220005';
    const id = await customer(phone);
    const pdf = Buffer.from('%PDF-1.4\n% fatura de teste\n');
    const upload = await fetch(`${stack.workerUrl}/api/conversations/${id}/attachments?filename=fatura.pdf`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agent}`, 'content-type': 'application/pdf' },
      body: pdf,
    });
    expect(upload.status).toBe(201);
    const { attachment } = (await upload.json()) as { attachment: { key: string } };
    expect((await post(id, { text: 'Segue sua fatura', attachmentKey: attachment.key })).status).toBe(201);
    const [sent] = await stack.whatsapp.whenSent(1, { to: phone }, 15_000);
    expect(sent?.type).toBe('document');
    expect(sent?.text).toBe('Segue sua fatura');
    expect(sent?.media).toMatchObject({
      mimeType: 'application/pdf',
      filename: 'fatura.pdf',
      size: pdf.length,
    });

    const exe = await fetch(`${stack.workerUrl}/api/conversations/${id}/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agent}`, 'content-type': 'application/x-msdownload' },
      body: Buffer.from('MZ'),
    });
    expect(exe.status).toBe(415);
    const foreignKey = await post(id, { attachmentKey: `someone-else/${id}/uploads/x` });
    expect(foreignKey.status).toBe(404);
  });
});

describe('channels admin', () => {
  it('validates, refuses duplicates and non-admins, and never returns credentials', async () => {
    const bad = await api<{ error: { code: string } }>(stack, '/api/channels', {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
      body: JSON.stringify({
        kind: 'whatsapp_cloud',
        name: 'x',
        phoneNumberId: 'abc',
        wabaId: '1',
        accessToken: 'short',
      }),
    });
    expect(bad.status).toBe(400);
    const again = (accessToken: string) =>
      api<{ error: { code: string } }>(stack, '/api/channels', {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}` },
        body: JSON.stringify({
          kind: 'whatsapp_cloud',
          name: 'dup',
          phoneNumberId: paced.phoneNumberId,
          wabaId: paced.wabaId,
          accessToken,
        }),
      });
    expect((await again(paced.accessToken)).status).toBe(409);
    // The token is checked with Graph before the duplicate is: another token learns nothing.
    const guess = await again('another-token-123');
    expect([guess.status, guess.body.error.code]).toEqual([422, 'ownership_not_proven']);
    const asAgent = await api(stack, '/api/channels', { headers: { authorization: `Bearer ${agent}` } });
    expect(asAgent.status).toBe(403);
    const list = await api<{ channels: Record<string, unknown>[] }>(stack, '/api/channels', {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(paced.accessToken);
    const stored = await ownerQuery<{ credentials: string }>(
      stack,
      'select credentials from channels where id = $1',
      [paced.channelId],
    );
    expect(stored[0]?.credentials).toMatch(/^v1\./);
    expect(stored[0]?.credentials).not.toContain(paced.accessToken);
  });

  it('tests a number, turns it unhealthy with an alert when the token is invalid, and removes it', async () => {
    const good = await api<{ ok: boolean; tokenValid: boolean }>(
      stack,
      `/api/channels/${paced.channelId}/test`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}` },
      },
    );
    expect(good.body).toMatchObject({ ok: true, tokenValid: true });

    const broken = await connectCloudNumber(stack, admin);
    // Meta revokes the token: the simulator now expects a different one.
    stack.whatsapp.registerNumber({
      phoneNumberId: broken.phoneNumberId,
      wabaId: broken.wabaId,
      accessToken: 'rotated-token-xyz',
      displayPhoneNumber: '1',
    });
    const check = await api<{ ok: boolean; tokenValid: boolean; status: string }>(
      stack,
      `/api/channels/${broken.channelId}/test`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}` },
      },
    );
    expect(check.body).toMatchObject({ ok: false, tokenValid: false, status: 'unhealthy' });
    const health = await api<{
      channel: { health: { status: string; tokenValid: boolean } };
      alerts: { status: string; reason: string }[];
    }>(stack, `/api/channels/${broken.channelId}/health`, { headers: { authorization: `Bearer ${admin}` } });
    expect(health.body.channel.health).toMatchObject({ status: 'unhealthy', tokenValid: false });
    expect(health.body.alerts[0]?.status).toBe('unhealthy');
    expect(health.body.alerts[0]?.reason).toMatch(/token/);

    const removed = await fetch(`${stack.workerUrl}/api/channels/${broken.channelId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(removed.status).toBe(204);
    const after = await stack.whatsapp.inbound({
      phoneNumberId: broken.phoneNumberId,
      from: '5531992220009',
      text: 'alô?',
    });
    expect(after.status).toBe(200);
    expect(JSON.parse(after.body).unrouted).toBe(1);
  });
});
