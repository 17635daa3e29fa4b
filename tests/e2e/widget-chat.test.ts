// The widget app (the Solid chat inside its iframe) on the demo host site, in Chromium, against the real
// stack: the pre-chat form refuses a CPF with wrong check digits (nothing created), a chat with an agent
// (a socket client with an admin's token): typing both ways, read state, an image and a PDF from the visitor
// and a file from the agent, reply buttons, the CSAT stars after the close (the rating reaches the ticket),
// the unread badge while minimised, a reload that resumes with no gap and no duplicate, the offline form
// outside business hours, English from the page's language, axe open at 390 and 1280 px. Screenshots go to
// /work/wt/shots/c-*.png (FIO_SHOTS_DIR overrides).
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as zlib from 'node:zlib';
import { deflateSync } from 'node:zlib';
import type { Browser, BrowserContext, Frame, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import type { ServerFrame } from '../../workers/contract';
import { launchBrowser } from '../support/browser';
import { agentToken, api, eventually, RecordingClient, socketUrl, startE2eStack } from './stack';
import { ownerQuery } from './whatsapp-helpers';

const SHOTS = process.env.FIO_SHOTS_DIR ?? '/work/wt/shots';
const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };
let stack: Stack;
let browser: Browser;
let admin: string;
let channelId: string;

interface WidgetChannel {
  id: string;
  name: string;
  settings: Record<string, unknown>;
}

async function patchChannel(settings: Record<string, unknown>): Promise<void> {
  const res = await api(stack, `/api/widget-channels/${channelId}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${admin}` },
    body: JSON.stringify({ settings }),
  });
  expect(res.status).toBe(200);
}

async function serviceSettings(
  change: (s: { settings: Record<string, unknown> }) => Record<string, unknown>,
) {
  const now = await api<{ settings: Record<string, unknown> }>(stack, '/api/settings/service', {
    headers: { authorization: `Bearer ${admin}` },
  });
  const res = await api(stack, '/api/settings/service', {
    method: 'PUT',
    headers: { authorization: `Bearer ${admin}` },
    body: JSON.stringify(change(now.body)),
  });
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  stack = await startE2eStack('widget-chat');
  browser = await launchBrowser();
  admin = await agentToken(stack, 'admin@demo.fio.local', 'fio-demo-admin');
  const list = await api<{ channels: WidgetChannel[] }>(stack, '/api/widget-channels', {
    headers: { authorization: `Bearer ${admin}` },
  });
  const site = list.body.channels.find((c) => c.name === 'Site');
  if (!site) throw new Error('demo widget channel not found');
  channelId = site.id;
  await patchChannel({
    ...site.settings,
    branding: {
      title: 'Provedor Demo',
      color: '#0f766e',
      greeting: 'Olá! Como podemos ajudar?',
      logoUrl: null,
      position: 'right',
    },
    prechat: [
      { field: 'name', required: true },
      { field: 'phone', required: true },
      { field: 'cpf', required: false },
    ],
  });
  // Always open (no business hours) and CSAT right after the close.
  await serviceSettings((s) => ({
    settings: { ...s.settings, csat: { ...(s.settings.csat as object), enabled: true, delaySeconds: 0 } },
    businessHours: null,
  }));
  mkdirSync(SHOTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A visitor's browser on the demo host site (its own storage), pt-BR unless told. */
async function visitor(
  opts: { path?: string; viewport?: { width: number; height: number }; locale?: string } = {},
) {
  const context = await browser.newContext({
    viewport: opts.viewport ?? DESKTOP,
    locale: opts.locale ?? 'pt-BR',
  });
  const page = await context.newPage();
  await page.goto(`${stack.widgetHost.url}${opts.path ?? '/'}`);
  return { context, page, widget: page.frameLocator('iframe[data-fio-widget]') };
}

async function openWidget(page: Page, label = 'Abrir chat') {
  await page.getByRole('button', { name: label, exact: true }).click();
}

function frameOf(page: Page): Frame {
  const f = page.frames().find((x) => x.url().includes('/widget/frame/'));
  if (!f) throw new Error('widget frame not found');
  return f;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe's serious and critical findings inside the widget's frame (WCAG 2.1 A/AA). */
async function frameA11y(frame: Frame) {
  await frame.evaluate(axeSource);
  const found = await frame.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            d: Document,
            o: unknown,
          ): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }>;
        };
      }
    ).axe;
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  return found.filter((f) => f.impact === 'serious' || f.impact === 'critical');
}

/** The seqs of the widget's timeline rows, in screen order. */
function seqs(widget: FrameLocator): Promise<number[]> {
  return widget
    .locator('[role="log"][aria-label="Conversa"] li[data-seq]')
    .evaluateAll((lis) => lis.map((li) => Number(li.getAttribute('data-seq'))));
}

/** A small real PNG (a colour gradient) the server's sniffer accepts as an image. */
function png(width = 240, height = 150): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0);
    for (let x = 0; x < width; x++) rows.push(20 + (x * 200) / width, 110 + (y * 100) / height, 160);
  }
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('the widget chat on the demo host site', () => {
  let context: BrowserContext;
  let page: Page;
  let widget: FrameLocator;
  let conversationId: string;
  let agent: RecordingClient;
  const agentFrames: ServerFrame[] = [];

  it('pre-chat form: a CPF with wrong check digits is refused with a clear message and nothing is created; then the chat starts', async () => {
    ({ context, page, widget } = await visitor());
    const sessions: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/widget/sessions')) sessions.push(r.url());
    });
    const [{ n: before }] = (await ownerQuery<{ n: number }>(
      stack,
      'select count(*)::int as n from contacts',
    )) as [{ n: number }];
    await openWidget(page);
    await expect
      .poll(() => widget.getByLabel('Nome').evaluate((el) => el === document.activeElement))
      .toBe(true);
    await widget.getByLabel('Nome').fill('Maria Visitante');
    await widget.getByLabel('Telefone (WhatsApp)').fill('(11) 98765-4321');
    await widget.getByLabel('CPF').fill('123.456.789-00');
    await widget.getByRole('button', { name: 'Iniciar conversa' }).click();
    await widget.getByText('CPF inválido: confira os números.').waitFor();
    expect(await widget.getByLabel('CPF').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: `${SHOTS}/c-prechat-error-1280.png` });
    expect(sessions).toEqual([]);
    const [{ n: after }] = (await ownerQuery<{ n: number }>(
      stack,
      'select count(*)::int as n from contacts',
    )) as [{ n: number }];
    expect(after).toBe(before);

    await widget.getByLabel('CPF').fill('529.982.247-25');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/widget/sessions'));
    await widget.getByRole('button', { name: 'Iniciar conversa' }).click();
    const session = (await (await created).json()) as { conversationId: string };
    conversationId = session.conversationId;
    await widget.getByLabel('Mensagem').waitFor();
    await expect
      .poll(() => widget.getByLabel('Mensagem').evaluate((el) => el === document.activeElement))
      .toBe(true);
    const [contact] = await ownerQuery<{ name: string; cpf: string | null }>(
      stack,
      `select c.name, c.cpf_cnpj as cpf from contacts c join conversations v on v.contact_id = c.id where v.id = $1`,
      [conversationId],
    );
    expect(contact?.name).toBe('Maria Visitante');
    expect(contact?.cpf).toBe('52998224725');
  });

  it('chats with an agent: messages both ways, typing both ways, read state both ways', async () => {
    agent = new RecordingClient(socketUrl(stack, conversationId, admin), {
      onFrame: (f) => agentFrames.push(f),
    });
    await agent.live();
    const composer = widget.getByLabel('Mensagem');
    await composer.fill('Minha internet caiu');
    // Typing reached the agent while the visitor wrote.
    await eventually('visitor typing', () =>
      agentFrames.some((f) => f.type === 'typing' && f.on && f.who.kind === 'visitor'),
    );
    await composer.press('Enter');
    await eventually('visitor message at the agent', () =>
      agent.events.some(
        (e) => e.event.type === 'message.created' && e.event.message.text === 'Minha internet caiu',
      ),
    );
    const mine = widget.locator('li[data-seq]', { hasText: 'Minha internet caiu' });
    await mine.getByText('Enviada').waitFor();
    // Shift+Enter is a new line, not a send.
    await composer.fill('linha um');
    await composer.press('Shift+Enter');
    await composer.pressSequentially('linha dois');
    expect(await composer.inputValue()).toBe('linha um\nlinha dois');
    await composer.fill('');

    const take = await api(stack, `/api/conversations/${conversationId}/ticket`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
      body: JSON.stringify({ action: 'take' }),
    });
    expect(take.status).toBe(200);
    agent.client.typing(true);
    await widget.getByText(/está digitando$/).waitFor();
    const mineSeq = Number(await mine.getAttribute('data-seq'));
    agent.client.markRead(mineSeq);
    await mine.getByText('Lida').waitFor();
    agent.client.send('Oi Maria! Vou verificar sua conexão.');
    await widget.locator('li[data-seq]', { hasText: 'Oi Maria! Vou verificar sua conexão.' }).waitFor();
    await widget
      .getByText(/está digitando$/)
      .waitFor({ state: 'detached' })
      .catch(() => {});
    // The visitor saw it (widget open): the agent learns it was read.
    const agentSeq = agent.client.lastSeq;
    await eventually('visitor read', () =>
      agentFrames.some((f) => f.type === 'read' && f.who.kind === 'visitor' && f.seq >= agentSeq),
    );
  });

  it('sends an image and a PDF, and receives an agent file', async () => {
    const input = widget.locator('input[type="file"]');
    await input.setInputFiles({ name: 'roteador.png', mimeType: 'image/png', buffer: png() });
    await widget.locator('li[data-seq] img[alt="roteador.png"]').waitFor();
    await input.setInputFiles({ name: 'comprovante.pdf', mimeType: 'application/pdf', buffer: PDF });
    await widget
      .locator('li[data-seq]', { hasText: 'comprovante.pdf' })
      .getByRole('button', { name: /Baixar/ })
      .waitFor();
    await eventually('both files at the agent', () =>
      ['roteador.png', 'comprovante.pdf'].every((n) =>
        agent.events.some(
          (e) => e.event.type === 'message.created' && e.event.message.attachment?.filename === n,
        ),
      ),
    );
    // A file type the widget does not send is refused before any upload.
    await input.setInputFiles({
      name: 'virus.exe',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('MZ'),
    });
    await widget.getByText('Envie uma imagem (JPG ou PNG) ou um PDF.').waitFor();

    const up = await fetch(
      `${stack.workerUrl}/api/conversations/${conversationId}/attachments?filename=fatura-novembro.pdf`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/pdf' },
        body: PDF,
      },
    );
    expect(up.status).toBe(201);
    const { attachment } = (await up.json()) as { attachment: { key: string } };
    const sent = await api(stack, `/api/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
      body: JSON.stringify({
        clientId: crypto.randomUUID(),
        text: 'Segue sua fatura',
        attachmentKey: attachment.key,
      }),
    });
    expect(sent.status).toBe(201);
    const row = widget.locator('li[data-seq]', { hasText: 'fatura-novembro.pdf' });
    await row.getByRole('button', { name: 'Baixar fatura-novembro.pdf' }).waitFor();
    const download = page.waitForEvent('download');
    await row.getByRole('button', { name: 'Baixar fatura-novembro.pdf' }).click();
    expect((await download).suggestedFilename()).toBe('fatura-novembro.pdf');
    // The image opens at full size and Escape closes only the viewer.
    await widget.getByRole('button', { name: /Abrir imagem em tamanho real/ }).click();
    await widget.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await widget.getByRole('dialog').waitFor({ state: 'detached' });
    await widget.getByLabel('Mensagem').waitFor();
  });

  it('options as buttons send the choice; the unread badge counts while minimised', async () => {
    const sent = await api(stack, `/api/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
      body: JSON.stringify({
        clientId: crypto.randomUUID(),
        interactive: {
          kind: 'buttons',
          body: 'A luz LOS do roteador está vermelha?',
          buttons: [
            { id: 'los-sim', title: 'Sim, vermelha' },
            { id: 'los-nao', title: 'Não' },
          ],
        },
      }),
    });
    expect(sent.status).toBe(201);
    await widget.getByRole('button', { name: 'Sim, vermelha' }).click();
    await eventually('choice at the agent', () =>
      agent.events.some(
        (e) => e.event.type === 'message.created' && e.event.message.choice?.id === 'los-sim',
      ),
    );
    await expect.poll(() => widget.getByRole('button', { name: 'Não' }).isDisabled()).toBe(true);
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: `${SHOTS}/c-chat-390.png` });
    expect(await frameA11y(frameOf(page))).toEqual([]);
    await page.setViewportSize(DESKTOP);
    await page.screenshot({ path: `${SHOTS}/c-chat-1280.png` });
    expect(await frameA11y(frameOf(page))).toEqual([]);

    // Escape minimises (the loader gets close and focuses the launcher); a reply while closed is unread.
    await widget.getByLabel('Mensagem').press('Escape');
    await page.getByRole('button', { name: 'Abrir chat', exact: true }).waitFor();
    agent.client.send('Vou reiniciar sua porta na OLT.');
    await page.getByLabel('1 mensagem não lida').waitFor();
    await openWidget(page);
    await page.getByLabel('1 mensagem não lida').waitFor({ state: 'detached' });
  });

  it('a reload resumes the same conversation with no gap and no duplicate', async () => {
    const before = await seqs(widget);
    expect(before.length).toBeGreaterThan(5);
    await page.reload();
    widget = page.frameLocator('iframe[data-fio-widget]');
    await openWidget(page);
    await widget.locator('li[data-seq]', { hasText: 'Vou reiniciar sua porta na OLT.' }).waitFor();
    const after = await seqs(widget);
    expect(after).toEqual(before);
    expect(new Set(after).size).toBe(after.length);
    // Still the same conversation: a message after the reload reaches the same agent socket.
    await widget.getByLabel('Mensagem').fill('Voltei');
    await widget.getByLabel('Mensagem').press('Enter');
    await eventually('message after reload', () =>
      agent.events.some((e) => e.event.type === 'message.created' && e.event.message.text === 'Voltei'),
    );
  });

  it('after the close the CSAT question shows 5 stars; the rating reaches the ticket', async () => {
    const closed = await api(stack, `/api/conversations/${conversationId}/ticket`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
      body: JSON.stringify({ action: 'close' }),
    });
    expect(closed.status).toBe(200);
    await widget.getByText(/^Atendimento encerrado · protocolo/).waitFor();
    const stars = widget.getByRole('group', { name: 'Avalie o atendimento' });
    await stars.waitFor({ timeout: 30_000 });
    expect(
      await stars.getByRole('button').evaluateAll((b) => b.map((x) => x.getAttribute('aria-label'))),
    ).toEqual(['1 estrela', '2 estrelas', '3 estrelas', '4 estrelas', '5 estrelas']);
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: `${SHOTS}/c-csat-390.png` });
    await page.setViewportSize(DESKTOP);
    await stars.getByRole('button', { name: '5 estrelas' }).click();
    await widget.getByText('Você avaliou com 5 estrelas. Obrigado!').waitFor();
    await eventually('rated at the agent', () =>
      agent.events.some(
        (e) =>
          e.event.type === 'ticket.changed' && e.event.change === 'rated' && e.event.ticket.csat?.score === 5,
      ),
    );
    agent.client.close();
    await context.close();
  });

  it('outside business hours: the offline form takes the message and a contact and says when someone answers', async () => {
    await serviceSettings(() => ({
      businessHours: {
        timezone: 'America/Sao_Paulo',
        week: { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] },
        holidays: [],
      },
    }));
    const v = await visitor({ viewport: PHONE });
    try {
      await openWidget(v.page);
      await v.widget.getByRole('heading', { name: 'Estamos fora do horário' }).waitFor();
      await v.widget.getByRole('button', { name: 'Deixar mensagem' }).click();
      await v.widget.getByText('Preencha este campo.').first().waitFor();
      await v.widget.getByLabel('Nome').fill('Carlos Noturno');
      await v.widget.getByLabel('Telefone (WhatsApp) ou e-mail').fill('carlos@example.com');
      await v.widget.getByLabel('Mensagem').fill('Minha fatura veio em dobro');
      // Each corrected field lost its error as it was typed in.
      expect(await v.widget.getByText('Preencha este campo.').count()).toBe(0);
      expect(await v.widget.getByText('Informe um telefone ou um e-mail').count()).toBe(0);
      await v.page.screenshot({ path: `${SHOTS}/c-offline-390.png` });
      await v.widget.getByRole('button', { name: 'Deixar mensagem' }).click();
      await v.widget.getByText(/^Recebemos sua mensagem\./).waitFor();
      await v.widget.locator('li[data-seq]', { hasText: 'Minha fatura veio em dobro' }).waitFor();
      const [contact] = await ownerQuery<{ email: string | null }>(
        stack,
        `select email from contacts where name = 'Carlos Noturno'`,
      );
      expect(contact?.email).toBe('carlos@example.com');
      await v.page.screenshot({ path: `${SHOTS}/c-offline-done-390.png` });
    } finally {
      await v.context.close();
      await serviceSettings(() => ({ businessHours: null }));
    }
  });

  it('follows an English page: the form, the header and the composer in English; axe at 390 and 1280', async () => {
    const v = await visitor({ path: '/?lang=en', viewport: PHONE, locale: 'en-US' });
    try {
      await openWidget(v.page, 'Open chat');
      await v.widget.getByRole('button', { name: 'Minimize chat' }).waitFor();
      await v.widget.getByLabel('Name').waitFor();
      await v.widget.getByLabel('Phone (WhatsApp)').waitFor();
      await v.widget.getByRole('button', { name: 'Start chat' }).click();
      await v.widget.getByText('Please fill in this field.').first().waitFor();
      await v.page.screenshot({ path: `${SHOTS}/c-english-390.png` });
      expect(await frameA11y(frameOf(v.page))).toEqual([]);
      await v.page.setViewportSize(DESKTOP);
      expect(await frameA11y(frameOf(v.page))).toEqual([]);
      await v.page.screenshot({ path: `${SHOTS}/c-english-1280.png` });
    } finally {
      await v.context.close();
    }
  });

  it('identify: a portal customer gets a verified session whose history shows on a second browser; shutdown forgets the visitor', async () => {
    const rotated = await api<{ identitySecret: string }>(
      stack,
      `/api/channels/${channelId}/identity-secret`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}` },
      },
    );
    expect(rotated.status).toBe(201);
    stack.widgetHost.setIdentitySecret(rotated.body.identitySecret);
    const first = await visitor({ path: '/portal' });
    const second = await visitor({ path: '/portal', viewport: PHONE });
    try {
      const created = first.page.waitForResponse((r) => r.url().endsWith('/api/widget/sessions'));
      await openWidget(first.page);
      const session = (await (await created).json()) as { verified: boolean };
      expect(session.verified).toBe(true);
      // Identified: no pre-chat form, the composer straight away.
      await first.widget.getByLabel('Mensagem').fill('Sou cliente do portal');
      await first.widget.getByLabel('Mensagem').press('Enter');
      await first.widget
        .locator('li[data-seq]', { hasText: 'Sou cliente do portal' })
        .getByText('Enviada')
        .waitFor();

      await openWidget(second.page);
      await second.widget.locator('li[data-seq]', { hasText: 'Sou cliente do portal' }).waitFor();
      await second.page.screenshot({ path: `${SHOTS}/c-identified-390.png` });

      // The page logs its customer out: the frame forgets the visitor key and starts afresh.
      const frame = frameOf(second.page);
      const key = `fio.widget.${channelId}`;
      expect(await frame.evaluate((k) => localStorage.getItem(k), key)).not.toBeNull();
      await second.page.evaluate(() => (window as unknown as { Fio: { shutdown(): void } }).Fio.shutdown());
      await eventually(
        'visitor key forgotten',
        async () => (await frame.evaluate((k) => localStorage.getItem(k), key)) === null,
      );
      await openWidget(second.page);
      await second.widget.getByRole('button', { name: 'Iniciar conversa' }).waitFor();
      expect(await second.widget.locator('li[data-seq]').count()).toBe(0);
    } finally {
      stack.widgetHost.setIdentitySecret(null);
      await first.context.close();
      await second.context.close();
    }
  });

  it('server unreachable: a clear error with a retry that recovers; setLocale from the page switches the language', async () => {
    const v = await visitor({ viewport: PHONE });
    try {
      // The widget's own read of the config fails (the loader's, from the host page, goes through).
      await v.context.route('**/api/widget/channels/*/config', (r) =>
        r.request().frame().url().includes('/widget/frame/') ? r.abort() : r.continue(),
      );
      await v.page.reload();
      await openWidget(v.page);
      await v.widget.getByText('Não foi possível conectar ao atendimento.').waitFor();
      await v.page.screenshot({ path: `${SHOTS}/c-unreachable-390.png` });
      await v.context.unroute('**/api/widget/channels/*/config');
      await v.widget.getByRole('button', { name: 'Tentar novamente' }).click();
      await v.widget.getByRole('button', { name: 'Iniciar conversa' }).waitFor();
      await v.page.evaluate(() =>
        (window as unknown as { Fio: { setLocale(l: string): void } }).Fio.setLocale('en'),
      );
      await v.widget.getByRole('button', { name: 'Start chat' }).waitFor();
      await v.widget.getByRole('button', { name: 'Minimize chat' }).click();
      await v.page.getByRole('button', { name: 'Open chat', exact: true }).waitFor();
    } finally {
      await v.context.close();
    }
  });
});
