// Everything a WhatsApp customer sends, as the agent sees it in the browser (issue 12): pictures inline (decoded
// by the browser) that open in a viewer (Esc closes, arrows move, focus inside), a voice note that plays
// (a real Ogg/Opus file), a contact card with a call link and its name, a place with map links, an order
// with its total, the ad the customer came from, a forwarded mark, a reply quoting the earlier message, a
// list reply with its description. Screenshots at desktop and 390 px go to .fio/screenshots/p1-*.png.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NUMBER, type Stack } from '../../scripts/lib/stack';
import { DEMO_TENANT } from '../../scripts/seed';
import { launchBrowser } from '../support/browser';
import { oggOpusVoiceNote } from '../support/ogg-opus';
import { gradientPng } from '../support/png';
import { agentPage, conversationRow } from './agent-pages';
import { startE2eStack } from './stack';

let stack: Stack;
let browser: Browser;
let bruno: Page;
const BRUNO = DEMO_TENANT.users[1] as (typeof DEMO_TENANT.users)[number];
const SHOTS = process.env.FIO_SHOTS_DIR ?? '.fio/screenshots';

beforeAll(async () => {
  stack = await startE2eStack('agent-media');
  browser = await launchBrowser();
  bruno = await agentPage(browser, stack, BRUNO);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/**
 * Brings a row into the (virtualised) timeline: from the newest, scrolling up a screen at a time until an
 * element matching `selector` is rendered, then into view.
 */
async function reveal(page: Page, selector: string): Promise<void> {
  const scroller = page.locator('.scroller');
  await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  for (let i = 0; i < 40; i++) {
    if ((await page.locator(selector).count()) > 0) {
      await page.locator(selector).first().scrollIntoViewIfNeeded();
      return;
    }
    await scroller.evaluate((el) => el.scrollBy(0, -250));
    await page.waitForTimeout(100);
  }
  throw new Error(`${selector} never appeared in the timeline`);
}

async function shot(page: Page, name: string): Promise<void> {
  try {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/p1-${name}.png` });
  } catch {
    // screenshots are for people; a read-only disk must not fail the test
  }
}

describe('what a customer sends, in the agent client', () => {
  it('shows pictures, voice notes, contact cards, places, orders, ads, forwards and quotes as what they are', async () => {
    const phone = '5531995550077';
    const send = async (input: Record<string, unknown>) => {
      const res = await stack.whatsapp.inbound({
        phoneNumberId: DEMO_NUMBER.phoneNumberId,
        from: phone,
        name: 'Helena Mídia',
        ...input,
      });
      expect(res.status).toBe(200);
      return res.externalId;
    };
    const first = await send({
      text: 'Minha internet caiu desde ontem',
      referral: {
        headline: 'Fibra 500 Mega por R$ 99,90',
        body: 'Instalação grátis',
        sourceUrl: 'https://fb.me/ad1',
      },
    });
    await send({
      media: { kind: 'image', mimeType: 'image/png', bytes: gradientPng(480, 320), caption: 'Foto do modem' },
    });
    await send({
      media: {
        kind: 'image',
        mimeType: 'image/png',
        bytes: gradientPng(200, 300, [120, 20, 60]),
        caption: 'Cabo',
      },
    });
    await send({
      media: {
        kind: 'audio',
        mimeType: 'audio/ogg; codecs=opus',
        bytes: Buffer.from(oggOpusVoiceNote(2)),
        voice: true,
      },
    });
    await send({
      contacts: [
        {
          name: 'Técnico João',
          phones: [{ phone: '+55 31 99123-4567', type: 'CELL', waId: '5531991234567' }],
          emails: ['joao@provedor.com.br'],
          organization: 'Provedor Fibra',
        },
      ],
    });
    await send({
      location: {
        latitude: -19.93,
        longitude: -43.9381,
        name: 'Casa',
        address: 'Rua da Bahia, 1000 — Centro',
      },
    });
    await send({
      order: {
        text: 'Quero instalar',
        items: [
          { productId: 'Plano 500 Mega', quantity: 1, price: 99.9, currency: 'BRL' },
          { productId: 'Roteador Wi-Fi 6', quantity: 2, price: 150, currency: 'BRL' },
        ],
      },
    });
    await send({ text: 'Olha o aviso que recebi', forwarded: true });
    await send({ text: 'Isso, desde ontem à noite', replyTo: first });
    await send({
      raw: {
        from: phone,
        timestamp: String(Math.floor(Date.now() / 1000)),
        type: 'interactive',
        interactive: {
          type: 'list_reply',
          list_reply: { id: 'plano-300', title: '300 Mega', description: 'R$ 89,90 por mês' },
        },
      },
    });

    await bruno
      .getByRole('navigation')
      .getByRole('button', { name: /^Na fila/ })
      .click();
    await conversationRow(bruno, 'Helena Mídia').click();
    await bruno.getByRole('heading', { name: 'Helena Mídia', level: 2 }).waitFor();
    const bubble = (text: string | RegExp) => bruno.locator('.bubble.theirs').filter({ hasText: text });
    const scroller = bruno.locator('.scroller');

    // Newest first (the timeline opens at the bottom): the list reply with its row's description.
    await expect
      .poll(() => bubble('300 Mega').textContent(), { timeout: 15_000 })
      .toContain('R$ 89,90 por mês');

    await shot(bruno, 'latest-desktop');

    // The reply quotes the first message (author and its text); a click brings that message into view.
    const quote = bubble('Isso, desde ontem').getByRole('button', { name: /Ir para a mensagem/ });
    await expect.poll(() => quote.textContent()).toContain('Minha internet caiu desde ontem');
    expect(await quote.textContent()).toContain('Helena Mídia');

    // The forwarded mark.
    await expect
      .poll(() => bubble('Olha o aviso').locator('.forwarded-mark').textContent())
      .toContain('Encaminhada');

    // The order: items and the total in reais.
    const order = bubble('Quero instalar').getByRole('region', { name: 'Pedido do catálogo' });
    await expect.poll(() => order.textContent()).toMatch(/Total\s*R\$\s*399,90/);

    // The place: its name and address, and a link that opens it on a map (no tiles loaded here).
    const place = bruno.locator('.location-card').filter({ hasText: 'Rua da Bahia' });
    await place.waitFor();
    const mapLink = place.getByRole('link', { name: /OpenStreetMap/ });
    expect(await mapLink.getAttribute('href')).toBe(
      'https://www.openstreetmap.org/?mlat=-19.93&mlon=-43.9381#map=17/-19.93/-43.9381',
    );
    expect(await mapLink.getAttribute('target')).toBe('_blank');
    expect(await place.getByRole('link', { name: /Google Maps/ }).getAttribute('href')).toContain(
      'query=-19.93,-43.9381',
    );

    // The contact card: a card with the name, company, the phone formatted, "Ligar" dialing it, "Salvar contato".
    const card = bruno.locator('.contact-card').filter({ hasText: 'Técnico João' });
    await card.waitFor();
    expect(await card.textContent()).toContain('Provedor Fibra');
    const call = card.getByRole('link', { name: /Ligar para Técnico João/ });
    expect(await call.getAttribute('href')).toBe('tel:+5531991234567');
    expect(await call.textContent()).toBe('Ligar');
    const [vcf] = await Promise.all([
      bruno.waitForEvent('download'),
      card.getByRole('button', { name: /Salvar o contato de Técnico João/ }).click(),
    ]);
    expect(vcf.suggestedFilename()).toBe('Técnico João.vcf');
    expect(card.getByRole('button', { name: /Abrir a conversa com Técnico João/ })).toBeTruthy();

    await shot(bruno, 'timeline-desktop');

    // The voice note: the browser's player on the real file, which plays.
    const audio = bruno.locator('.audio-attachment audio');
    await reveal(bruno, '.audio-attachment');
    await audio.waitFor({ timeout: 60_000 }); // the media queue has stored it
    await expect
      .poll(() => bruno.locator('.audio-attachment').textContent())
      .toMatch(/Mensagem de voz · 0:02/);
    await audio.evaluate(async (a: HTMLAudioElement) => {
      a.muted = true;
      await a.play();
    });
    await expect
      .poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime), { timeout: 10_000 })
      .toBeGreaterThan(0);

    // The pictures: inline thumbnails the browser decoded, at most 240 px, their shape kept.
    const modem = bubble('Foto do modem').locator('img.attachment-preview');
    await reveal(bruno, '.bubble.theirs:has-text("Foto do modem")');
    await modem.waitFor({ timeout: 60_000 });
    await expect.poll(() => modem.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480);
    const box = await modem.boundingBox();
    expect(box?.width).toBeLessThanOrEqual(240);
    expect(Math.round(((box?.width ?? 0) / (box?.height ?? 1)) * 100) / 100).toBe(1.5);
    // The ad the customer came from, above their first message.
    await scroller.evaluate((el) => el.scrollTo(0, 0));
    await expect
      .poll(() => bubble('Minha internet caiu').locator('.referral-card').textContent())
      .toContain('Veio do anúncio: Fibra 500 Mega por R$ 99,90');
    await bubble('Foto do modem').scrollIntoViewIfNeeded();
    await shot(bruno, 'pictures-desktop');

    // The viewer: opens on the picture, focus inside, → goes to the next picture, Esc closes back to the thumbnail.
    const thumb = bubble('Foto do modem').getByRole('button', { name: /Ampliar/ });
    await thumb.click();
    const viewer = bruno.getByRole('dialog', { name: 'Imagem' });
    await viewer.waitFor();
    const big = viewer.locator('img.viewer-image');
    await expect.poll(() => big.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480);
    expect(await viewer.textContent()).toContain('1 de 2');
    expect(await bruno.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    await shot(bruno, 'viewer-desktop');
    await bruno.keyboard.press('ArrowRight');
    await expect.poll(() => viewer.textContent()).toContain('2 de 2');
    await expect.poll(() => big.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(200);
    // Tab stays inside the viewer.
    for (let i = 0; i < 6; i++) await bruno.keyboard.press('Tab');
    expect(await bruno.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    await bruno.keyboard.press('Escape');
    await expect.poll(() => viewer.isVisible()).toBe(false);
    expect(await bruno.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toMatch(
      /^Ampliar/,
    );

    // On a phone (390 px): the same, within the width.
    await bruno.setViewportSize({ width: 390, height: 844 });
    await bubble('Foto do modem').scrollIntoViewIfNeeded();
    await shot(bruno, 'pictures-390');
    await bruno.locator('.contact-card').filter({ hasText: 'Técnico João' }).scrollIntoViewIfNeeded();
    await shot(bruno, 'cards-390');
    // Cards stay inside their message bubble (the page's own phone layout is another part's work).
    for (const selector of ['.contact-card', '.location-card', '.order-card', '.media-thumb']) {
      const fits = await bruno
        .locator(selector)
        .first()
        .evaluate((el) => {
          const bubble = el.closest('.bubble')?.getBoundingClientRect();
          return !!bubble && el.getBoundingClientRect().right <= bubble.right + 1;
        });
      expect(fits, selector).toBe(true);
    }
    await bruno.setViewportSize({ width: 1400, height: 900 });
  });
});
