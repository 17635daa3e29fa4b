// A WhatsApp customer's file never runs as the agent (issue 9). A customer sends an HTML "invoice" and an SVG
// with script through the Cloud API webhook; their scripts would write to local storage, change the title
// and call a canary server. The agent clicks "Abrir anexo": the browser downloads the file (renamed .bin),
// nothing of it runs (no canary call, storage and title untouched, no new tab), a real image is shown inline,
// and the file URL itself, even opened directly in a browser, is an attachment with nosniff and a sandbox CSP.
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_NUMBER, type Stack } from '../../scripts/lib/stack';
import { DEMO_TENANT } from '../../scripts/seed';
import { launchBrowser } from '../support/browser';
import { hostileHtml, hostileSvg, PNG } from '../support/file-samples';
import { agentPage, conversationRow } from './agent-pages';
import { agentToken, eventually, startE2eStack } from './stack';
import { events } from './whatsapp-helpers';

let stack: Stack;
let browser: Browser;
let bruno: Page;
let canary: Server;
let canaryUrl: string;
/** Every request the canary received: any entry means a customer's file ran or loaded something. */
const canaryHits: string[] = [];
const BRUNO = DEMO_TENANT.users[1] as (typeof DEMO_TENANT.users)[number];

beforeAll(async () => {
  canary = createServer((req, res) => {
    canaryHits.push(req.url ?? '');
    res.writeHead(204, { 'access-control-allow-origin': '*' }).end();
  });
  await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
  canaryUrl = `http://127.0.0.1:${(canary.address() as AddressInfo).port}`;
  stack = await startE2eStack('agent-files');
  browser = await launchBrowser();
  bruno = await agentPage(browser, stack, BRUNO);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await new Promise((resolve) => canary?.close(resolve));
});

/** What the app keeps in the browser: a file running in our origin would change it. */
const appStorage = (page: Page) =>
  page.evaluate(() => ({
    local: Object.fromEntries(Object.entries(localStorage)),
    session: Object.fromEntries(Object.entries(sessionStorage)),
    title: document.title.replace(/^\(\d+\)\s*/, ''),
  }));

describe('customer files in the agent client', () => {
  it('downloads a customer’s HTML and SVG documents without running them, and previews a real image', async () => {
    const phone = '5531995550001';
    const html = hostileHtml(canaryUrl);
    const svg = hostileSvg(canaryUrl);
    const sends = [
      {
        kind: 'document',
        mimeType: 'text/html',
        bytes: html,
        filename: 'fatura.html',
        caption: 'Minha fatura',
      },
      { kind: 'image', mimeType: 'image/svg+xml', bytes: svg, caption: 'Print do erro' },
      { kind: 'image', mimeType: 'image/jpeg', bytes: PNG, caption: 'Foto do modem' },
    ] as const;
    for (const media of sends) {
      const res = await stack.whatsapp.inbound({
        phoneNumberId: DEMO_NUMBER.phoneNumberId,
        from: phone,
        name: 'Helena Anexos',
        media: { ...media, bytes: Buffer.from(media.bytes) },
      });
      expect(res.status).toBe(200);
    }

    await bruno
      .getByRole('navigation')
      .getByRole('button', { name: /^Na fila/ })
      .click();
    await conversationRow(bruno, 'Helena Anexos').click();
    await bruno.getByRole('heading', { name: 'Helena Anexos', level: 2 }).waitFor();

    const bubble = (caption: string) => bruno.locator('.bubble.theirs').filter({ hasText: caption });
    const download = async (caption: string) => {
      const button = bubble(caption).getByRole('button', { name: 'Abrir anexo' });
      await button.waitFor({ timeout: 60_000 }); // the media queue has stored it
      const [file] = await Promise.all([bruno.waitForEvent('download'), button.click()]);
      return { name: file.suggestedFilename(), bytes: await readFile((await file.path()) as string) };
    };

    await bubble('Foto do modem').getByRole('button', { name: 'Abrir anexo' }).waitFor({ timeout: 60_000 });
    const before = await appStorage(bruno);
    expect(Object.keys(before.session).length).toBeGreaterThan(0); // the signed-in session lives there

    // The HTML document: saved under a name that will not open as a page, byte for byte.
    const savedHtml = await download('Minha fatura');
    expect(savedHtml.name).toBe('fatura.html.bin');
    expect(new Uint8Array(savedHtml.bytes)).toEqual(html);
    // The SVG "image": shown as a document (the bytes are no image), never previewed, saved as bytes.
    await expect.poll(() => bubble('Print do erro').textContent()).toContain('Documento');
    expect(await bubble('Print do erro').locator('img').count()).toBe(0);
    const savedSvg = await download('Print do erro');
    expect(savedSvg.name).toBe('anexo.bin');
    expect(new Uint8Array(savedSvg.bytes)).toEqual(svg);
    // A real picture (claimed JPEG, really PNG) is previewed inline, decoded by the browser.
    const picture = bubble('Foto do modem').locator('img.attachment-preview');
    await picture.waitFor({ timeout: 60_000 });
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);

    // Nothing of the customer's files ran in the app: storage, title and tabs are as they were.
    expect(await appStorage(bruno)).toEqual(before);
    expect(bruno.context().pages()).toEqual([bruno]);

    // The file URLs themselves: attachments, nosniff, sandboxed; opened directly, still only a download.
    const token = await agentToken(stack, BRUNO.email, BRUNO.password);
    const conversationId = new URL(bruno.url()).pathname.split('/').pop() as string;
    const keys = (await events(stack, token, conversationId)).flatMap((e) =>
      e.event.type === 'message.attachment' && e.event.attachment.key ? [e.event.attachment.key] : [],
    );
    expect(keys).toHaveLength(3);
    const direct = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${token}` } });
    for (const key of keys.slice(0, 2)) {
      const url = `${stack.workerUrl}/api/conversations/${conversationId}/files/${encodeURIComponent(key)}`;
      for (const query of ['', '?preview=1']) {
        const res = await fetch(url + query, { headers: { authorization: `Bearer ${token}` } });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/octet-stream');
        expect(res.headers.get('content-disposition')).toMatch(/^attachment; /);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expect(res.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
      }
      const page = await direct.newPage();
      const [saved] = await Promise.all([
        page.waitForEvent('download'),
        page.goto(url).catch(() => null), // navigation turns into a download: goto reports it as an error
      ]);
      expect(saved.suggestedFilename()).toMatch(/\.bin$/);
    }
    await direct.close();
    await eventually('the picture preview finished loading', async () => (await picture.count()) === 1);
    expect(canaryHits).toEqual([]);
  });
});
