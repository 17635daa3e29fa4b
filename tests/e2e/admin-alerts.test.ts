// "Alertas" and the top bar's badge in a real browser, in Portuguese, on the demo tenant: the demo's WhatsApp
// number turns unhealthy, the minute cron (fired through wrangler's /__scheduled, as `npm run dev` does) raises
// the alert; the owner sees "1 alerta" in the top bar, opens Alertas from it, reads the alert with its number's
// name, marks it seen and the badge goes away while the alert stays open; the operator's receiver (hook
// `operator`) got it validly signed. No serious accessibility violations at 1280 and 390 px; screenshots in
// $FIO_SHOTS_DIR (or .fio/screenshots) as o2-alerts-*.png.
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import { DEMO_TENANT } from '../../scripts/seed';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { eventually, startE2eStack } from './stack';
import { ownerQuery } from './whatsapp-helpers';

let stack: Stack;
let browser: Browser;
const SHOTS = process.env.FIO_SHOTS_DIR ?? '.fio/screenshots';
const users = DEMO_TENANT.users as readonly { email: string; password: string; role: string }[];
const owner = users.find((u) => u.role === 'owner') ?? (users[0] as (typeof users)[number]);

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startE2eStack('admin-alerts');
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const minute = async () => {
  const res = await fetch(`${stack.workerUrl}/__scheduled?cron=${encodeURIComponent('* * * * *')}`);
  expect(res.status).toBe(200);
  await res.body?.cancel();
};

describe('Alertas', () => {
  let context: BrowserContext;
  let page: Page;
  let channelName: string;

  beforeAll(async () => {
    const rows = await ownerQuery<{ name: string }>(
      stack,
      `update channels set health_status = 'unhealthy', health_code = 'invalid_token', health_changed_at = now()
       where id = $1 returning name`,
      [stack.demo.whatsappChannelId],
    );
    channelName = rows[0]?.name as string;
    await minute();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await page.goto(`${stack.workerUrl}/`);
    await page.getByLabel('E-mail').fill(owner.email);
    await page.getByLabel('Senha').fill(owner.password);
    await page.getByRole('button', { name: 'Entrar' }).click();
  });

  afterAll(async () => {
    await context?.close();
  });

  it('shows the badge in the top bar and opens Alertas from it', async () => {
    const badge = page.getByRole('link', { name: '1 alerta aberto não visto' });
    await badge.waitFor();
    await badge.click();
    await page.getByRole('heading', { name: 'Alertas', level: 3 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Número com problema' });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain(channelName);
    expect(await row.textContent()).toContain('Crítico');
    expect(await row.textContent()).toContain('Aberto');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/o2-alerts-1280.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/o2-alerts-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('marks it seen: the badge goes, the alert stays open', async () => {
    const row = page.getByRole('row').filter({ hasText: 'Número com problema' });
    await row.getByRole('button', { name: /Marcar como visto/ }).click();
    await page.getByText('Alerta marcado como visto.').waitFor();
    await page.getByRole('link', { name: /alerta aberto não visto/ }).waitFor({ state: 'detached' });
    expect(await row.textContent()).toContain('Aberto');
    await page.screenshot({ path: `${SHOTS}/o2-alerts-seen-1280.png`, fullPage: true });
  });

  it('reached the operator webhook, validly signed', async () => {
    const got = await eventually('the operator delivery', async () => {
      const res = await fetch(`${stack.webhookReceiver.url}/_recv/hooks/operator/attempts`);
      const { attempts } = (await res.json()) as {
        attempts: { event: string; signature: string; body: { alert: { tenantId: string; kind: string } } }[];
      };
      const mine = attempts.filter((a) => a.body.alert.tenantId === stack.demo.tenantId);
      return mine.length > 0 ? mine : null;
    });
    expect(got.map((a) => [a.event, a.signature, a.body.alert.kind])).toEqual([
      ['alert.opened', 'valid', 'channel_unhealthy'],
    ]);
  });
});
