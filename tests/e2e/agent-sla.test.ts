// What an agent sees of SLA and CSAT, in a real browser against the real stack: SLA policies seeded in Postgres
// (normal priority: first response in 10 min, so at risk from the start; urgent: 1 min, breached a minute
// later; very low: 8 h, in time), website customers whose tickets run under them. The inbox rows show time
// left, "Em risco" and "SLA estourado" naming the target (text, not colour alone), the "SLA em risco" filter
// keeps those two, the breach is a red line on the timeline and counted in the ticket's metrics; a closed
// ticket waits for its rating, then shows the stars and the customer's comment. axe at 1280 and 390 px;
// screenshots (desktop and phone, Portuguese and English) under FIO_SHOTS_DIR.
//
// Needs the SLA keeper (issue 13 part A: clocks, breach alarms, the summary's sla) and the after-care
// (part C: the CSAT question and the customer's answer on the closed ticket) on the server.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import { DEMO_TENANT } from '../../scripts/seed';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { agentPage, chooseLanguage, conversationRow, widgetCustomer } from './agent-pages';
import { startE2eStack } from './stack';
import { ownerQuery } from './whatsapp-helpers';

const SHOTS = process.env.FIO_SHOTS_DIR ?? '.fio/screenshots';
let stack: Stack;
let browser: Browser;
let bruno: Page;
const [, BRUNO] = DEMO_TENANT.users as [
  (typeof DEMO_TENANT.users)[number],
  (typeof DEMO_TENANT.users)[number],
];

beforeAll(async () => {
  stack = await startE2eStack('agent-sla');
  const [tenant] = await ownerQuery<{ id: string }>(stack, `select id from tenants where slug = 'demo'`);
  if (!tenant) throw new Error('demo tenant not seeded');
  // Before any conversation exists, so no cached service setup predates them.
  await ownerQuery(
    stack,
    `insert into sla_policies (tenant_id, name, priority, first_response_minutes, resolution_minutes)
     values ($1, 'Normal', 3, 10, 480), ($1, 'Urgente', 5, 1, 240), ($1, 'Muito baixa', 1, 480, null)`,
    [tenant.id],
  );
  await ownerQuery(
    stack,
    `update tenants set service_settings = '{"csat": {"enabled": true, "delaySeconds": 0}}'::jsonb,
     business_hours = null where id = $1`,
    [tenant.id],
  );
  browser = await launchBrowser();
  bruno = await agentPage(browser, stack, BRUNO);
  await bruno.setViewportSize({ width: 1280, height: 860 });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const QUEUE = /^Na fila/;
const MINE = /^Minhas \d/;
const showView = (page: Page, name: RegExp) =>
  page.getByRole('navigation').getByRole('button', { name }).click();
const badge = (page: Page, name: string, standing?: string) =>
  conversationRow(page, name).locator(standing ? `.sla-badge[data-sla="${standing}"]` : '.sla-badge');
const headBadge = (page: Page) => page.locator('.conversation-head .sla-badge');
const panel = (page: Page) => page.locator('.ticket-metrics');
const metric = (page: Page, term: string) => panel(page).locator(`dt:text-is("${term}") + dd`);

async function open(page: Page, name: string) {
  await conversationRow(page, name).click();
  await page.getByRole('heading', { name, level: 2 }).waitFor();
  await page.locator('.conversation-head').getByRole('status').getByText('Conectado').waitFor();
}

async function setPriority(page: Page, level: number) {
  await page.locator('.ticket-bar').getByLabel('Prioridade').selectOption(String(level));
}

/** axe at the desktop width and at 390 px (a phone), then back to the desktop. */
async function accessible(page: Page) {
  expect(await seriousA11yViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    expect(await seriousA11yViolations(page)).toEqual([]);
  } finally {
    await page.setViewportSize({ width: 1280, height: 860 });
  }
}

describe('SLA in the inbox, the header, the timeline and the ticket metrics', () => {
  it('shows time left, "Em risco" and "SLA estourado" with the target; the filter keeps those; the breach is on the timeline', async () => {
    const rita = await widgetCustomer(stack, 'Rita Risco');
    rita.socket.client.send('Minha internet está lenta desde ontem');
    const bento = await widgetCustomer(stack, 'Bento Estouro');
    bento.socket.client.send('Estou sem conexão nenhuma');
    const olga = await widgetCustomer(stack, 'Olga Folga');
    olga.socket.client.send('Queria mudar a data de vencimento');
    await showView(bruno, QUEUE);

    // Normal priority, first response in 10 minutes: within the 15-minute margin, at risk from the start.
    const risk = badge(bruno, 'Rita Risco');
    await badge(bruno, 'Rita Risco', 'at_risk').waitFor({ timeout: 30_000 });
    expect(await risk.locator('[aria-hidden="true"]').textContent()).toMatch(/^Em risco · (10|9) min$/);
    expect(await risk.locator('.visually-hidden').textContent()).toMatch(
      /^SLA de primeira resposta em risco: (10|9) min restantes$/,
    );
    expect(await risk.getAttribute('title')).toMatch(/^Primeira resposta · vence .+ \(meta 10 min\)$/);

    // Very low priority re-targets the ticket: 8 hours, in time.
    await open(bruno, 'Olga Folga');
    await setPriority(bruno, 1);
    const ok = badge(bruno, 'Olga Folga');
    await badge(bruno, 'Olga Folga', 'ok').waitFor({ timeout: 30_000 });
    expect(await ok.locator('[aria-hidden="true"]').textContent()).toMatch(
      /^SLA (\d+ h( \d+ min)?|\p{L}{3} \d\d:\d\d)$/u,
    );
    expect(await ok.getAttribute('title')).toMatch(/^Primeira resposta · vence .+ \(meta 8 h\)$/);

    // Urgent: one minute. The keeper's alarm breaches it; the row, the header, the timeline and the metrics say so.
    await open(bruno, 'Bento Estouro');
    await setPriority(bruno, 5);
    const late = badge(bruno, 'Bento Estouro');
    await badge(bruno, 'Bento Estouro', 'breached').waitFor({ timeout: 100_000 });
    expect(await late.locator('[aria-hidden="true"]').textContent()).toBe('SLA estourado · 1ª resposta');
    expect(await late.getAttribute('title')).toBe('Meta estourada: Primeira resposta');
    expect(await headBadge(bruno).getAttribute('data-sla')).toBe('breached');
    const breachLine = bruno.locator('.system-line.ticket-sla_breached');
    await breachLine.waitFor({ timeout: 30_000 });
    expect(await breachLine.textContent()).toMatch(
      /^SLA estourado: primeira resposta \(meta de 1 min\) · protocolo /,
    );
    expect(await breachLine.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(164, 0, 15)');
    await expect.poll(() => metric(bruno, 'SLA estourado').textContent(), { timeout: 30_000 }).toBe('1 vez');
    expect(await panel(bruno).locator('li[data-target="first_response"] .target-state').textContent()).toBe(
      'estourada',
    );
    expect(await metric(bruno, 'Primeira resposta').textContent()).toBe('ainda sem resposta');
    await bruno.screenshot({ path: `${SHOTS}/f-inbox-sla.png` });

    // The quick filter keeps what is at risk or breached, and says how many.
    const filter = bruno.locator('.sla-filter').getByRole('button', { name: /^SLA em risco/ });
    expect(await filter.getAttribute('aria-pressed')).toBe('false');
    expect(await filter.locator('.visually-hidden').textContent()).toBe('2 conversas em risco ou estouradas');
    await filter.click();
    expect(await filter.getAttribute('aria-pressed')).toBe('true');
    await conversationRow(bruno, 'Rita Risco').waitFor();
    await conversationRow(bruno, 'Bento Estouro').waitFor();
    // Olga's row goes (Bento's conversation is the open one, so it would stay anyway).
    await conversationRow(bruno, 'Olga Folga').waitFor({ state: 'detached' });
    await accessible(bruno);
    await filter.click();
    await conversationRow(bruno, 'Olga Folga').waitFor();

    // The same screen in English, and on a phone (the list, then the conversation).
    await chooseLanguage(bruno, 'en');
    await bruno
      .locator('.system-line.ticket-sla_breached')
      .getByText(/^SLA breached: first response/)
      .waitFor();
    expect(await late.locator('[aria-hidden="true"]').textContent()).toBe('SLA breached · 1st response');
    expect(await risk.locator('[aria-hidden="true"]').textContent()).toMatch(/^At risk · \d+ min$/);
    await bruno.screenshot({ path: `${SHOTS}/f-inbox-sla-en.png` });
    await chooseLanguage(bruno, 'pt-BR');
    await bruno.setViewportSize({ width: 390, height: 844 });
    try {
      await bruno.screenshot({ path: `${SHOTS}/f-conversation-390.png` });
      await bruno.getByRole('button', { name: 'Voltar à lista de conversas' }).click();
      await late.waitFor();
      await bruno.screenshot({ path: `${SHOTS}/f-list-390.png` });
    } finally {
      await bruno.setViewportSize({ width: 1280, height: 860 });
    }
  }, 240_000);

  it('counts the first response; a closed ticket waits for its rating, then shows the stars and the comment', async () => {
    const caio = await widgetCustomer(stack, 'Caio Nota');
    caio.socket.client.send('A fibra está piscando vermelho');
    await showView(bruno, QUEUE);
    await open(bruno, 'Caio Nota');
    await bruno.locator('.ticket-bar').getByRole('button', { name: 'Assumir' }).click();
    await expect
      .poll(() =>
        bruno.getByRole('navigation').getByRole('button', { name: MINE }).getAttribute('aria-current'),
      )
      .toBe('page');
    const composer = bruno.getByLabel('Responder', { exact: true });
    await composer.fill('Já reiniciei a sua porta, pode testar?');
    await composer.press('Enter');
    // The first human reply is on the timeline and in the metrics; the first-response target is met.
    await bruno
      .locator('.system-line.ticket-first_response')
      .getByText(/^Primeira resposta de Bruno Agente em /)
      .waitFor({ timeout: 30_000 });
    await expect.poll(() => metric(bruno, 'Primeira resposta').textContent()).toMatch(/^\d+ (s|min)$/);
    expect(await panel(bruno).locator('li[data-target="first_response"] .target-state').textContent()).toBe(
      'cumprida',
    );

    await bruno.locator('.ticket-bar').getByRole('button', { name: 'Encerrar' }).click();
    await panel(bruno).getByText('Aguardando avaliação').waitFor();
    await expect.poll(() => metric(bruno, 'Resolução').textContent()).toMatch(/^\d+ (s|min)$/);
    expect(await metric(bruno, 'Reaberturas').textContent()).toBe('0');

    // The customer answers the survey in words, then adds a comment: both stay on the closed ticket.
    caio.socket.client.send('nota 4');
    const stars = panel(bruno).getByRole('img', { name: '4 de 5 estrelas' });
    await stars.waitFor({ timeout: 30_000 });
    await panel(bruno).getByText('Aguardando avaliação').waitFor({ state: 'detached' });
    expect(await stars.textContent()).toBe('★★★★★');
    caio.socket.client.send('Resolveram rápido e me explicaram tudo');
    await panel(bruno)
      .locator('blockquote')
      .getByText('Resolveram rápido e me explicaram tudo')
      .waitFor({ timeout: 30_000 });
    const rated = bruno.locator('.system-line.ticket-rated').last();
    await rated
      .getByText(/Cliente avaliou o atendimento com 4 de 5: “Resolveram rápido e me explicaram tudo”/)
      .waitFor();
    await rated.getByRole('img', { name: '4 de 5 estrelas' }).waitFor();
    await bruno.screenshot({ path: `${SHOTS}/f-csat.png` });
    await accessible(bruno);
    // On a phone the metrics live in the contact's column.
    await bruno.setViewportSize({ width: 390, height: 844 });
    try {
      await bruno.getByRole('button', { name: 'Dados do contato' }).click();
      await panel(bruno).getByRole('img', { name: '4 de 5 estrelas' }).waitFor();
      await bruno.screenshot({ path: `${SHOTS}/f-metrics-390.png` });
      expect(await seriousA11yViolations(bruno)).toEqual([]);
    } finally {
      await bruno.setViewportSize({ width: 1280, height: 860 });
    }
  }, 180_000);
});
