// Evolution and Uazapi numbers end to end, with the simulator playing both the gateway and the phone: agent
// replies arrive in order; the agent's read marker (the socket's `read` frame) and typing become the
// gateway's read receipt and "composing" presence; the phone logging the instance out turns the number
// unhealthy with an alert and makes sends fail, and scanning the QR the admin asks for restores it. In
// Chromium: the admin's channel screen shows the QR while logged out and "Conectado" after the phone scans
// it from the simulator's dev page.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import type { ChannelHealthResponse, PairingResponse } from '../../workers/contract';
import { launchBrowser } from '../support/browser';
import { ACME } from '../support/fixtures';
import { agentToken, api, eventually, RecordingClient, socketUrl, startE2eStack } from './stack';
import { conversationOf, events, statuses } from './whatsapp-helpers';

type Health = import('zod').infer<typeof ChannelHealthResponse>;

let stack: Stack;
let admin: string;
let agent: string;
let browser: Browser;
const SHOTS = process.env.FIO_SHOTS_DIR ?? '.fio/screenshots';

const [adminUser, agentUser] = ACME.users as [(typeof ACME.users)[0], (typeof ACME.users)[0]];

beforeAll(async () => {
  stack = await startE2eStack('whatsapp-gateways');
  admin = await agentToken(stack, adminUser.email, adminUser.password);
  agent = await agentToken(stack, agentUser.email, agentUser.password);
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

type Kind = 'evolution' | 'uazapi';
interface Gateway {
  kind: Kind;
  channelId: string;
  name: string;
  /** Evolution instance / Uazapi instance token: how the simulator knows the instance. */
  address: string;
  secret: string;
}

let made = 0;
/** A gateway instance registered with the simulator and connected by the admin. */
async function connectGateway(kind: Kind): Promise<Gateway> {
  made++;
  const tag = `${kind}-${made}-${Date.now()}`;
  const name = `${kind === 'evolution' ? 'Evolution' : 'Uazapi'} ${made}`;
  const secret = `secret-${tag}`;
  const body =
    kind === 'evolution'
      ? { kind, name, baseUrl: `${stack.whatsapp.url}/evolution`, instance: tag, apiKey: secret }
      : { kind, name, baseUrl: `${stack.whatsapp.url}/uazapi`, instanceName: tag, instanceToken: secret };
  if (kind === 'evolution') stack.whatsapp.registerGateway({ kind, instance: tag, apiKey: secret });
  else stack.whatsapp.registerGateway({ kind, instanceToken: secret, instanceName: tag });
  const res = await api<{ channel: { id: string } }>(stack, '/api/channels', {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}` },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return { kind, channelId: res.body.channel.id, name, address: kind === 'evolution' ? tag : secret, secret };
}

/** The customer writes first through the gateway; returns the message's id and the conversation. */
async function customerWrites(g: Gateway, phone: string, text = 'Oi, preciso de ajuda') {
  const inbound =
    g.kind === 'evolution'
      ? await stack.whatsapp.evolutionInbound({
          channelId: g.channelId,
          instance: g.address,
          apiKey: g.secret,
          from: phone,
          text,
        })
      : await stack.whatsapp.uazapiInbound({
          channelId: g.channelId,
          instanceToken: g.secret,
          from: phone,
          text,
        });
  expect(inbound.status).toBe(200);
  return { externalId: inbound.externalId, conversationId: await conversationOf(stack, g.channelId, phone) };
}

const get = async <T>(path: string) => {
  const res = await api<T>(stack, path, { headers: { authorization: `Bearer ${admin}` } });
  expect(res.status, path).toBe(200);
  return res.body;
};
const health = (g: Gateway) => get<Health>(`/api/channels/${g.channelId}/health`);
const pairing = (g: Gateway) => get<PairingResponse>(`/api/channels/${g.channelId}/pairing`);
const logout = (g: Gateway) =>
  stack.whatsapp.gatewayLogout({
    provider: g.kind,
    address: g.address,
    channelId: g.channelId,
    secret: g.secret,
  });

describe.each(['evolution', 'uazapi'] as const)('through %s', (kind) => {
  it('agent replies arrive in order, and the read marker and typing reach the customer', async () => {
    const g = await connectGateway(kind);
    const phone = kind === 'evolution' ? '5531993330001' : '5531993330002';
    const { externalId, conversationId } = await customerWrites(g, phone);
    const socket = new RecordingClient(socketUrl(stack, conversationId, agent));
    await socket.live();
    const texts = ['Olá! Vou verificar.', 'Um instante, por favor.', 'Pronto: conexão normalizada ✅'];
    for (const t of texts) socket.client.send(t);
    const sent = await stack.whatsapp.whenSent(3, { address: g.address, to: phone }, 30_000);
    expect(sent.map((s) => s.text)).toEqual(texts);

    socket.client.markRead(1);
    const mine = () =>
      stack.whatsapp.receipts().filter((r) => r.provider === kind && r.messageId === externalId);
    await eventually('read receipt at the gateway', () => mine().length > 0);
    expect(mine()[0]).toMatchObject({ address: g.address, to: phone, typing: false });
    socket.client.typing(true);
    await eventually('composing at the gateway', async () =>
      stack.whatsapp.receipts().some((r) => r.provider === kind && r.to === phone && r.typing),
    );
    socket.client.close();
  });

  it('a logout turns the number unhealthy with an alert, sends fail, and a re-pair restores it', async () => {
    const g = await connectGateway(kind);
    expect((await health(g)).channel.health).toMatchObject({ status: 'healthy' });
    expect((await pairing(g)).state).toBe('paired');

    const hook = await logout(g);
    expect(hook.status).toBe(200);
    const down = await health(g);
    expect(down.channel.health).toMatchObject({ status: 'unhealthy', code: 'logged_out' });
    expect(down.live.status).toBe('unhealthy');
    expect(down.alerts.map((a) => [a.status, a.code])).toEqual([['unhealthy', 'logged_out']]);
    // The same logout again adds no alert.
    await logout(g);
    expect((await health(g)).alerts).toHaveLength(1);

    // A reply while logged out is refused by the gateway, not sent (Evolution's 400 fails it at once;
    // Uazapi's 503 leaves it retrying until the number is paired again).
    const phone = kind === 'evolution' ? '5531993330003' : '5531993330004';
    const { conversationId } = await customerWrites(g, phone);
    const posted = await api<{ seq: number }>(stack, `/api/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agent}` },
      body: JSON.stringify({ clientId: crypto.randomUUID(), text: 'Está me ouvindo?' }),
    });
    expect(posted.status).toBe(201);
    await eventually('the gateway refused the reply', () =>
      stack.whatsapp.attempts({ address: g.address, to: phone }).some((a) => a.status >= 400),
    );
    if (kind === 'evolution') {
      await eventually('the reply marked failed', async () => {
        const s = statuses(await events(stack, agent, conversationId));
        return s.get(posted.body.seq)?.status === 'failed';
      });
    }
    expect(stack.whatsapp.sent({ address: g.address, to: phone })).toEqual([]);

    // The admin asks for the QR; the phone scans it; the gateway says so and the number is healthy again.
    const qr = await pairing(g);
    expect(qr.state).toBe('qr');
    if (kind === 'evolution') expect(qr.qr).toMatch(/^2@[A-Za-z0-9+/=]+,/);
    else expect(qr.qrImage).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(qr.pairingCode).toMatch(/^[0-9A-F]{8}$/);
    const scanned = await stack.whatsapp.gatewayScan(kind, g.address);
    expect(scanned?.status).toBe(200);
    const up = await health(g);
    expect(up.channel.health).toMatchObject({ status: 'healthy', code: 'paired' });
    expect(up.alerts.map((a) => [a.status, a.code])).toEqual([
      ['healthy', 'paired'],
      ['unhealthy', 'logged_out'],
    ]);
    expect((await pairing(g)).state).toBe('paired');
  });
});

describe('pairing route', () => {
  it('refuses a Cloud or widget channel and an agent, changing nothing', async () => {
    const { channels } = await get<{ channels: { id: string; kind: string }[] }>('/api/channels');
    const widget = channels.find((c) => c.kind === 'widget') as { id: string };
    const res = await api<{ error: { code: string } }>(stack, `/api/channels/${widget.id}/pairing`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const g = await connectGateway('evolution');
    const denied = await api(stack, `/api/channels/${g.channelId}/pairing`, {
      headers: { authorization: `Bearer ${agent}` },
    });
    expect(denied.status).toBe(403);
  });
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`${stack.workerUrl}/admin`);
  await page.getByLabel('E-mail').fill(adminUser.email);
  await page.getByLabel('Senha').fill(adminUser.password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByRole('heading', { name: 'Administração' }).waitFor();
  await page
    .getByRole('navigation', { name: 'Seções da administração' })
    .getByRole('link', { name: 'Canais' })
    .click();
  await page.getByRole('heading', { name: 'Canais', level: 3 }).waitFor();
}

describe('admin channel screen', () => {
  it('shows the QR while the number is logged out and "Conectado" after the scan', async () => {
    const g = await connectGateway('evolution');
    await logout(g);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page);
    const row = page.getByRole('row', { name: new RegExp(g.name) });
    await row.getByText('Com problema').waitFor();
    await row.getByText('sessão do WhatsApp desconectada no celular', { exact: false }).waitFor();
    await row.getByRole('button', { name: `Ver saúde: ${g.name}` }).click();
    const qr = page.getByRole('img', { name: 'Código QR para conectar o número' });
    await qr.waitFor();
    expect(await qr.locator('svg').count()).toBe(1);
    await page.getByText('Aguardando leitura do QR', { exact: true }).waitFor();
    await page.getByText(/Com problema: sessão do WhatsApp desconectada/).waitFor();
    await qr.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/p4-pairing-qr.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await qr.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/p4-pairing-qr-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // The simulated phone scans from the simulator's dev page.
    const phone = await browser.newPage({ viewport: { width: 900, height: 900 } });
    await phone.goto(stack.whatsapp.url);
    await phone.getByRole('img', { name: `QR ${g.address}` }).waitFor();
    await phone.getByRole('img', { name: `QR ${g.address}` }).scrollIntoViewIfNeeded();
    await phone.screenshot({ path: `${SHOTS}/p4-simulator-sessions.png` });
    await phone.getByRole('button', { name: 'Escanear (scan)' }).click();
    await phone.getByText(`evolution · ${g.address} — Conectado (paired)`).waitFor();
    await phone.close();
    await page.getByText('Conectado', { exact: true }).waitFor({ timeout: 15_000 });
    await qr.waitFor({ state: 'detached' });
    await row.getByText('Saudável').waitFor();
    await page.getByText(/Saudável: conectado de novo ao WhatsApp/).waitFor();
    await page.getByText('Conectado', { exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/p4-pairing-connected.png`, fullPage: true });
    await page.close();
  });
});
