// "Relatórios" and "Ao vivo" in a real browser, in Portuguese, on the demo tenant with real conversations:
// three widget customers write, Bruno answers two and closes one (the reports engine rolls them up from the
// event log). The owner's cards equal the table's total row, metric by metric; the agents' rows add up to the
// total; the CSV downloaded from "Exportar CSV" has the rows and numbers the table shows; a reversed custom
// range is explained beside the dates and nothing is requested; the chart library loads only with the
// screen. "Ao vivo" counts a new waiting conversation the moment it queues. No serious accessibility
// violations; screenshots in $FIO_SHOTS_DIR (or .fio/screenshots) as r2-reports-*.png and r2-live-*.png.
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDuration } from '../../app/agent/admin/reports/report-format';
import type { Stack } from '../../scripts/lib/stack';
import { DEMO_TENANT } from '../../scripts/seed';
import type { ReportSummary } from '../../workers/contract/reports';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { widgetCustomer } from './agent-pages';
import { agentToken, api, eventually, startE2eStack } from './stack';

let stack: Stack;
let browser: Browser;
const SHOTS = process.env.FIO_SHOTS_DIR ?? '.fio/screenshots';
const users = DEMO_TENANT.users as readonly { email: string; password: string; role: string }[];
const owner = users.find((u) => u.role === 'owner') ?? (users[0] as (typeof users)[number]);
const bruno = users.find((u) => u.email.startsWith('bruno')) ?? (users[1] as (typeof users)[number]);
/** The table's columns after the name, in screen order (report-metrics.ts METRIC_KEYS). */
const COLUMNS = [
  'ticketsOpened',
  'ticketsResolved',
  'firstResponse',
  'resolution',
  'csat',
  'csatResponseRate',
  'botContainment',
  'slaMet',
  'reopened',
  'handoffs',
] as const;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startE2eStack('admin-reports');
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function signIn(page: Page, who: { email: string; password: string }, path: string): Promise<void> {
  await page.goto(`${stack.workerUrl}${path}`);
  await page.getByLabel('E-mail').fill(who.email);
  await page.getByLabel('Senha').fill(who.password);
  await page.getByRole('button', { name: 'Entrar' }).click();
}

async function as(token: string, method: string, path: string, body?: unknown) {
  const res = await api<unknown>(stack, path, {
    method,
    headers: { authorization: `Bearer ${token}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
  return res.body;
}

/** A widget customer writes; Bruno takes the ticket and answers (and closes it when told). */
async function conversation(name: string, text: string, answer: 'reply' | 'close' | 'none'): Promise<string> {
  const customer = await widgetCustomer(stack, name);
  customer.socket.client.send(text);
  const token = await agentToken(stack, bruno.email, bruno.password);
  if (answer !== 'none') {
    const path = `/api/conversations/${customer.conversationId}`;
    // The take waits for the customer's message to open the ticket.
    await eventually(
      'Bruno takes the ticket',
      async () =>
        (
          await api(stack, `${path}/ticket`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}` },
            body: JSON.stringify({ action: 'take' }),
          })
        ).status === 200,
    );
    await as(token, 'POST', `${path}/messages`, {
      clientId: `r2-${name.replace(/\W/g, '')}-1`,
      text: 'Olá! Já vou verificar.',
    });
    if (answer === 'close') await as(token, 'POST', `${path}/ticket`, { action: 'close' });
  }
  // The message is durable before the customer leaves.
  await eventually('the customer’s message acked', () => customer.socket.acks.size > 0);
  customer.socket.client.close();
  return customer.conversationId;
}

describe('Relatórios', () => {
  let context: BrowserContext;
  let page: Page;
  /** Every request the page sent to /api/reports (a refused range must send none). */
  const reportRequests: string[] = [];
  /** Scripts the page loaded (the chart library must come only with the reports screen). */
  const scripts: string[] = [];

  beforeAll(async () => {
    await conversation('Rita Relatório', 'Minha internet caiu', 'close');
    await conversation('Caio Relatório', 'Quero segunda via do boleto', 'reply');
    await conversation('Olga Relatório', 'A fibra está piscando', 'none');
    // The engine rolls the events up once a minute after they are archived: wait for all three tickets.
    const token = await agentToken(stack, owner.email, owner.password);
    const me = await api<{ tenant: { timezone: string } }>(stack, '/api/me', {
      headers: { authorization: `Bearer ${token}` },
    });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: me.body.tenant.timezone }).format(Date.now());
    await eventually(
      'three tickets in today’s summary',
      async () => {
        // wrangler dev runs no cron by itself: the minute job (rollups) is fired the way --test-scheduled offers.
        await fetch(`${stack.workerUrl}/__scheduled?cron=${encodeURIComponent('* * * * *')}`);
        await new Promise((r) => setTimeout(r, 1_000)); // a second between runs, not a busy loop
        const res = await api<ReportSummary>(stack, `/api/reports/summary?from=${today}&to=${today}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return res.status === 200 && res.body.current.ticketsOpened >= 3;
      },
      120_000,
    );

    // A Brazilian browser's locale (headless Linux otherwise reports en-US@posix, a tag Intl refuses in the chart's ticks).
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
      locale: 'pt-BR',
    });
    page = await context.newPage();
    page.on('request', (r) => {
      if (r.url().includes('/api/reports')) reportRequests.push(r.url());
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await signIn(page, owner, '/');
    await page.getByRole('status').getByText('Caixa de entrada: Conectado').waitFor();
    // The agent's first load brings no chart library.
    expect(scripts.filter((s) => /uPlot|backlog-chart/i.test(s))).toEqual([]);
    await page.goto(`${stack.workerUrl}/admin/reports`);
    await page.getByRole('heading', { name: 'Relatórios', level: 3 }).waitFor();
    await page.getByRole('button', { name: 'Hoje', exact: true }).click();
    await page.locator('.rpt-card[data-metric="ticketsOpened"] .rpt-card-value').waitFor();
  }, 300_000);

  afterAll(async () => {
    await context?.close();
  });

  const cardValue = (key: string) =>
    page.locator(`.rpt-card[data-metric="${key}"] .rpt-card-value`).textContent();

  it('shows cards equal to the table’s total row, metric by metric, and agents’ rows adding up to it', async () => {
    const total = page.locator('tfoot .rpt-total td');
    await expect.poll(() => total.count()).toBe(COLUMNS.length);
    expect(Number(await cardValue('ticketsOpened'))).toBeGreaterThanOrEqual(3);
    for (const [i, key] of COLUMNS.entries()) {
      if (key === 'ticketsResolved' || key === 'csatResponseRate') continue; // no card of their own
      expect(await total.nth(i).textContent(), key).toBe(await cardValue(key));
    }
    // Per agent: every ticket in exactly one row (Bruno's or "Sem agente").
    const rows = page.locator('.rpt-table tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    let opened = 0;
    for (const row of await rows.all()) opened += Number(await row.locator('td').first().textContent());
    expect(opened).toBe(Number(await total.first().textContent()));
    await expect.poll(() => rows.filter({ hasText: 'Bruno Agente' }).count()).toBe(1);
    // Bruno answered two tickets: his first response is a duration, not "—".
    const brunoFirst = rows.filter({ hasText: 'Bruno Agente' }).locator('td').nth(2);
    expect(await brunoFirst.textContent()).toMatch(/\d+ (s|min)/);
  });

  it('exports the CSV with the rows and numbers the table shows', async () => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exportar CSV' }).click();
    const file = await (await download).path();
    const lines = readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    const header = (lines[0] ?? '').split(';');
    const col = (name: string) => header.indexOf(name);
    expect(col('Tickets abertos')).toBeGreaterThan(0);
    const csvRows = lines.slice(1).map((l) => l.split(';'));
    const screenRows = await page.locator('.rpt-table tbody tr').all();
    // Every screen row plus the total.
    expect(csvRows.length).toBe(screenRows.length + 1);
    const check = async (cells: string[], tds: ReturnType<Page['locator']>) => {
      expect(await tds.nth(0).textContent()).toBe(cells[col('Tickets abertos')]);
      expect(await tds.nth(1).textContent()).toBe(cells[col('Tickets resolvidos')]);
      const avg = cells[col('Primeira resposta: média (s)')] ?? '';
      expect(await tds.nth(2).textContent()).toBe(
        formatDuration(avg === '' ? null : Number(avg.replace(',', '.'))),
      );
    };
    for (const row of screenRows) {
      const label = ((await row.locator('th').textContent()) ?? '').trim();
      const line = csvRows.find(
        (c) => (c[0] ?? '').replace(/^"|"$/g, '') === label || (label === 'Sem agente' && c[1] === ''),
      );
      expect(line, label).toBeDefined();
      await check(line as string[], row.locator('td'));
    }
    const totalLine = csvRows.find((c) => c[0] === 'Total') as string[];
    await check(totalLine, page.locator('tfoot .rpt-total td'));
  });

  it('asks for a range in one request, and for another tab’s table alone', async () => {
    const asked = (from = 0) =>
      reportRequests.slice(from).map((u) => {
        const url = new URL(u);
        return `${url.pathname} ${url.searchParams.get('dimension')}`;
      });
    // The default week, then "Hoje": one overview each (cards, the tab's table, heatmap, backlog), nothing beside.
    expect(asked().slice(0, 2)).toEqual(['/api/reports/overview agent', '/api/reports/overview agent']);
    const before = reportRequests.length;
    await page.getByRole('button', { name: 'Por equipe' }).click();
    await page.getByRole('columnheader', { name: 'Equipe' }).waitFor();
    await expect.poll(() => page.locator('.rpt-table tbody tr[data-key]').count()).toBeGreaterThan(0);
    expect(asked(before)).toEqual(['/api/reports/table team']);
    // A range change on this tab brings this tab's table in its one request.
    await page.getByRole('button', { name: '30 dias' }).click();
    await expect.poll(() => asked(before).length).toBe(2);
    expect(asked(before)[1]).toBe('/api/reports/overview team');
    await page.getByRole('button', { name: 'Hoje', exact: true }).click();
    await page.getByRole('button', { name: 'Por agente' }).click();
    await page.getByRole('columnheader', { name: 'Agente' }).waitFor();
  });

  it('asks a reloaded screen’s numbers while the admin chunk is still loading, once', async () => {
    // The admin chunk is held: before, the screen's request could only start once that chunk had run.
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    await page.route(/\/assets\/AdminPage-[\w-]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    const before = reportRequests.length;
    await page.reload();
    await expect.poll(() => reportRequests.length - before).toBe(1);
    expect(new URL(reportRequests[before] as string).pathname).toBe('/api/reports/overview');
    release();
    await page.locator('tfoot .rpt-total td').first().waitFor();
    await page.unroute(/\/assets\/AdminPage-[\w-]+\.js$/);
    // The screen joined the boot's request instead of asking again.
    await page.waitForTimeout(300);
    expect(reportRequests.length - before).toBe(1);
    await page.getByRole('button', { name: 'Hoje', exact: true }).click();
    await page.locator('tfoot .rpt-total td').first().waitFor();
  });

  it('draws the heatmap and the backlog chart, the chart library loaded with the screen', async () => {
    await page.locator('.rpt-chart canvas').first().waitFor();
    expect(scripts.some((s) => /uPlot|backlog-chart/i.test(s))).toBe(true);
    await expect.poll(() => page.locator('.rpt-heat-cell.l4').count()).toBeGreaterThan(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/r2-reports-1280.png`, fullPage: true });
  });

  it('explains a reversed custom range beside the dates and requests nothing', async () => {
    await page.getByRole('button', { name: 'Personalizado' }).click();
    const form = page.getByRole('form', { name: 'Personalizado' });
    await form.getByLabel('De').fill('2026-03-10');
    await form.getByLabel('Até').fill('2026-03-01');
    const before = reportRequests.length;
    await form.getByRole('button', { name: 'Aplicar' }).click();
    await form.getByRole('alert').getByText('A data inicial deve ser antes da final.').waitFor();
    expect(await form.getByLabel('De').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('De').fill('2024-01-01');
    await form.getByLabel('Até').fill('2026-01-01');
    await form.getByRole('button', { name: 'Aplicar' }).click();
    await form.getByRole('alert').getByText('O período pode ter no máximo 366 dias.').waitFor();
    expect(reportRequests.length).toBe(before);
    await page.screenshot({ path: `${SHOTS}/r2-reports-range-error.png` });
  });

  it('the API refuses the same ranges with the one error envelope', async () => {
    const token = await agentToken(stack, owner.email, owner.password);
    const auth = { headers: { authorization: `Bearer ${token}` } };
    const reversed = await api<{ error: { code: string } }>(
      stack,
      '/api/reports/summary?from=2026-03-10&to=2026-03-01',
      auth,
    );
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.code).toBe('validation_failed');
    const dimension = await api<{ error: { code: string } }>(
      stack,
      '/api/reports/table?from=2026-03-01&to=2026-03-02&dimension=city',
      auth,
    );
    expect(dimension.status).toBe(400);
  });
});

describe('Ao vivo', () => {
  it('counts a new waiting conversation as soon as it queues, with agents and outages beside', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, owner, '/admin/live');
    await page.getByRole('heading', { name: 'Ao vivo', level: 3 }).waitFor();
    await page.getByRole('heading', { name: 'Filas por equipe' }).waitFor();
    const waiting = async () => {
      let n = 0;
      for (const dd of await page.locator('[data-stat="waiting"]').all()) n += Number(await dd.textContent());
      return n;
    };
    const before = await waiting();
    await conversation('Vera Ao Vivo', 'Estou sem internet desde cedo', 'none');
    await expect.poll(waiting, { timeout: 30_000 }).toBe(before + 1);
    await page.getByRole('table', { name: 'Agentes e carga' }).getByText('Bruno Agente').waitFor();
    await page.getByText('Nenhuma queda ativa.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/r2-live-1280.png`, fullPage: true });
    await context.close();
  });
});
