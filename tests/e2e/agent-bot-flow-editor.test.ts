// The bot's flow editor in a real browser, in Portuguese, as the demo owner, on the demo ISP flow: a menu
// option's label changed; a step removed, so the step that pointed at it shows the problem on its card and
// field; fixed with the "go to" select; saved as a new version and published; then the preview chat (the
// editor's flow run by the server) identifies the customer with a chosen outcome, shows the edited menu and
// answers "2" with the second option's step. Screenshots go to .fio/screenshots for a person to look at.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import { DEMO_TENANT } from '../../scripts/seed';
import { demoIspFlow } from '../../workers/bot/demo-flow';
import {
  type BotFlow,
  type DirectoryResponse,
  type FlowStep,
  type FlowVersionList,
  type FlowVersionView,
  WRITE_TOOLS,
} from '../../workers/contract';
import { launchBrowser, seriousA11yViolations } from '../support/browser';
import { chooseLanguage } from './agent-pages';
import { agentToken, api, startE2eStack } from './stack';

const SHOTS = '.fio/screenshots';
let stack: Stack;
let browser: Browser;
let token: string;
const owner = DEMO_TENANT.users[0] as (typeof DEMO_TENANT.users)[number];

const auth = () => ({ authorization: `Bearer ${token}` });

/** The demo tenant's live flow: the seed's, or (before the seed publishes one) the demo flow published here. */
async function liveFlow(): Promise<{ version: number; flow: BotFlow }> {
  const list = await api<FlowVersionList>(stack, '/api/admin/bot/flows', { headers: auth() });
  expect(list.status).toBe(200);
  let version = list.body.published;
  if (version === null) {
    const dir = await api<DirectoryResponse>(stack, '/api/directory', { headers: auth() });
    const team = (re: RegExp) =>
      (dir.body.teams.find((t) => re.test(t.name)) ?? dir.body.teams[0])?.id as string;
    const flow = demoIspFlow({
      financeiro: team(/financ/i),
      suporte: team(/suporte/i),
      comercial: team(/comerc/i),
    });
    const saved = await api<{ version: number }>(stack, '/api/admin/bot/flows', {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify({ flow }),
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    version = saved.body.version;
    expect(
      (await api(stack, `/api/admin/bot/flows/${version}/publish`, { method: 'POST', headers: auth() }))
        .status,
    ).toBe(200);
  }
  const view = await api<FlowVersionView>(stack, `/api/admin/bot/flows/${version}`, { headers: auth() });
  return { version, flow: view.body.flow };
}

/** A step with no way out (hand-off or end) that exactly one other step points at, once: safe to remove. */
function removable(flow: BotFlow): { id: string; referrer: string } {
  const refs = (s: FlowStep): string[] => {
    switch (s.type) {
      case 'message':
      case 'send_invoices':
      case 'set':
        return [s.next];
      case 'menu':
        return [...s.options.map((o) => o.next), s.onFail];
      case 'ask':
        return [s.next, s.onFail, ...(s.noNext ? [s.noNext] : [])];
      case 'tool':
        return Object.values(s.on);
      case 'ai':
        return [s.fallback];
      default:
        return [];
    }
  };
  const globals = [flow.start, flow.handoffStep, flow.fallbackStep];
  for (const s of flow.steps) {
    if ((s.type !== 'handoff' && s.type !== 'end') || globals.includes(s.id)) continue;
    const pointing = flow.steps.flatMap((r) =>
      refs(r)
        .filter((t) => t === s.id)
        .map(() => r.id),
    );
    if (pointing.length === 1 && pointing[0]) return { id: s.id, referrer: pointing[0] };
  }
  throw new Error('the demo flow has no step that is safe to remove');
}

/** What the bot says first on reaching `id` (write tools succeed, as simulated); null at a read tool. */
function firstWords(flow: BotFlow, id: string): string | { readTool: string } {
  for (let hop = 0, at: string | undefined = id; hop < 20 && at; hop++) {
    const s = flow.steps.find((x) => x.id === at);
    if (!s) break;
    if ('text' in s && s.text) return (s.text.split('{{')[0] ?? '').trim().slice(0, 40);
    if (s.type === 'tool') {
      if (!WRITE_TOOLS.includes(s.tool)) return { readTool: s.tool };
      at = s.on.ok;
    } else if (s.type === 'ai') at = s.fallback;
    else if ('next' in s) at = s.next;
    else break;
  }
  throw new Error(`nothing said from ${id}`);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startE2eStack('agent-bot-flow-editor');
  browser = await launchBrowser();
  token = await agentToken(stack, owner.email, owner.password);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function openEditor(page: Page): Promise<void> {
  await page.goto(`${stack.workerUrl}/admin`);
  await page.getByLabel('E-mail').fill(owner.email);
  await page.getByLabel('Senha').fill(owner.password);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByRole('heading', { name: 'Administração' }).waitFor();
  await page
    .getByRole('navigation', { name: 'Seções da administração' })
    .getByRole('link', { name: 'Fluxo do robô' })
    .click();
  await page.getByRole('heading', { name: 'Fluxo do robô', level: 3 }).waitFor();
}

const card = (page: Page, id: string) => page.locator(`li.flow-card[data-step="${id}"]`);

describe('the flow editor', () => {
  it('edits, shows a broken reference on its step, saves, publishes and previews the demo flow', async () => {
    const live = await liveFlow();
    const menu =
      live.flow.steps.find((s) => s.type === 'menu' && s.options.length >= 2 && s.id.includes('principal')) ??
      live.flow.steps.find((s) => s.type === 'menu' && s.options.length >= 2);
    if (menu?.type !== 'menu') throw new Error('the demo flow has no menu');
    const gone = removable(live.flow);

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await openEditor(page);
    await page.getByText(`Editando a versão ${live.version} (publicada)`).waitFor();
    expect(await page.locator('li.flow-card').count()).toBe(live.flow.steps.length + 1);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A menu option's label.
    await card(page, menu.id).getByRole('button').first().click();
    await page.getByRole('heading', { name: new RegExp(`Menu: ${menu.id}`) }).waitFor();
    const label = page.getByLabel('Opção 1', { exact: true });
    expect(await label.inputValue()).toBe(menu.options[0]?.label);
    await label.fill('Segunda via (editado)');
    await page.getByText('Alterações não salvas').waitFor();
    await page.screenshot({ path: `${SHOTS}/flow-editor-pt.png`, fullPage: true });

    // Removing a step breaks the one reference to it: the referring card and field say so.
    await card(page, gone.id)
      .getByRole('button', { name: `Remover o passo ${gone.id}` })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/1 passo aponta para ele/).waitFor();
    await dialog.getByRole('button', { name: 'Remover' }).click();
    await card(page, gone.referrer).getByText('⚠ 1 problema').waitFor();
    await card(page, gone.referrer).getByRole('button').first().click();
    const broken = page.locator('select', {
      has: page.locator('option', { hasText: `${gone.id} (não existe)` }),
    });
    await broken.waitFor();
    expect(await broken.getAttribute('aria-invalid')).toBe('true');
    await page.getByText(`O passo "${gone.id}" não existe: escolha outro destino.`).waitFor();
    await page.locator('.flow-editor .admin-field-error').first().waitFor();
    // The checker's issue worded in Portuguese from its code (the API's message stays English).
    expect(await page.locator('.flow-editor .flow-issues').textContent()).toContain(
      `aponta para "${gone.id}", que não existe`,
    );
    await page.screenshot({ path: `${SHOTS}/flow-issue-pt.png`, fullPage: true });

    // Fixed by pointing it at the hand-off step; the problem goes away.
    await broken.selectOption(live.flow.handoffStep);
    await page.getByRole('button', { name: 'Verificar', exact: true }).click();
    await page.getByRole('status').getByText('Nenhum problema encontrado.').waitFor();
    expect(
      await card(page, gone.referrer)
        .getByText(/problema/)
        .count(),
    ).toBe(0);

    // Saved as a new version, then published (after confirming).
    await page.getByRole('button', { name: 'Salvar rascunho' }).click();
    const next = live.version + 1;
    await page.getByRole('status').getByText(`Rascunho salvo como versão ${next}.`).waitFor();
    await page.locator('.flow-toolbar').getByRole('button', { name: 'Publicar' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Publicar' }).click();
    await page.getByRole('status').getByText(`Versão ${next} publicada: o robô já usa este fluxo.`).waitFor();
    const versions = page.getByRole('region', { name: 'Versões' });
    await versions.locator(`[data-version="${next}"]`).getByText('publicada', { exact: true }).waitFor();
    await versions
      .locator(`[data-version="${live.version}"]`)
      .getByText('retirada', { exact: true })
      .waitFor();
    const saved = await api<FlowVersionView>(stack, `/api/admin/bot/flows/${next}`, { headers: auth() });
    expect(saved.body.state).toBe('published');
    const savedMenu = saved.body.flow.steps.find((s) => s.id === menu.id);
    expect(savedMenu?.type === 'menu' && savedMenu.options[0]?.label).toBe('Segunda via (editado)');
    expect(saved.body.flow.steps.some((s) => s.id === gone.id)).toBe(false);

    // The preview: the customer is identified by phone (the admin picks "deu certo"), the edited menu shows,
    // and "2" gets the second option's step.
    // Without an ERP the preview asks the admin for each tool's outcome: the seeded connection is removed first.
    const erp = await fetch(`${stack.workerUrl}/api/admin/erp`, {
      method: 'DELETE',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ confirm: true }),
    });
    expect([204, 404]).toContain(erp.status);
    const chat = page.getByRole('region', { name: 'Prévia' });
    await chat.getByLabel('Mensagem do cliente').fill('oi');
    await chat.getByRole('button', { name: 'Enviar' }).click();
    await chat.getByText('O robô consultou "Identificar cliente". Qual foi o resultado?').waitFor();
    await chat.getByRole('button', { name: 'deu certo' }).click();
    await chat.getByText('Segunda via (editado)').first().waitFor();
    await chat.getByLabel('Mensagem do cliente').fill('2');
    await chat.getByRole('button', { name: 'Enviar' }).click();
    const expected = firstWords(saved.body.flow, menu.options[1]?.next as string);
    if (typeof expected === 'string')
      await chat.locator('.flow-chat-bot', { hasText: expected }).last().waitFor();
    else await chat.locator('.flow-pending').waitFor();
    // The chat follows the conversation: its newest line is in view.
    await page.waitForFunction(() => {
      const log = document.querySelector('.flow-chat');
      return log !== null && log.scrollTop + log.clientHeight >= log.scrollHeight - 2;
    });
    // The chat alone first: a full-page capture lays the page out again and loses the chat's scroll.
    await chat.screenshot({ path: `${SHOTS}/flow-preview-chat-pt.png` });
    await page.screenshot({ path: `${SHOTS}/flow-preview-pt.png`, fullPage: true });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The same screen in English.
    await chooseLanguage(page, 'en');
    await page.getByRole('heading', { name: 'Bot flow', level: 3 }).waitFor();
    await page.getByRole('button', { name: 'Save draft' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/flow-editor-en.png`, fullPage: true });
    await page.close();
  });
});
