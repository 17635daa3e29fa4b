// Shared steps of the website widget's acceptance tests: the demo host page (part B's fake ISP site on its own
// origin), the widget inside its iframe, the demo tenant's widget channel changed through the admin API, and
// identity tokens signed as the ISP's portal would sign them.
import { SignJWT } from 'jose';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { z } from 'zod';
import type { Stack } from '../../scripts/lib/stack';
import type {
  ServiceSettingsResponse,
  WidgetChannelsResponse,
  WidgetChannelView,
  WidgetSettings,
} from '../../workers/contract';
import { agentToken, api } from './stack';

export const SHOTS = process.env.FIO_SHOTS_DIR ?? '.fio/screenshots';

/** The demo provider's owner (admin API) and one of its agents (Suporte técnico). */
export const ADMIN = { email: 'admin@demo.fio.local', password: 'fio-demo-admin' };
export const BRUNO = { email: 'bruno@demo.fio.local', password: 'fio-demo-agent' };

export function adminToken(stack: Stack): Promise<string> {
  return agentToken(stack, ADMIN.email, ADMIN.password);
}

/** The launcher on the host page (inside the loader's open shadow root: role queries reach it). */
export const launcher = (page: Page) => page.getByRole('button', { name: /^(Abrir|Fechar) chat$/ });

/** The widget's iframe and what is inside it. */
export const widgetFrame = (page: Page): FrameLocator => page.frameLocator('iframe[data-fio-widget]');
export const conversationLog = (page: Page) => widgetFrame(page).getByRole('log', { name: 'Conversa' });
export const composer = (page: Page) => widgetFrame(page).getByLabel('Mensagem', { exact: true });

/** The widget's frame itself (for axe, which runs inside it). */
export async function widgetContent(page: Page): Promise<Frame> {
  const frame = await (await page.locator('iframe[data-fio-widget]').elementHandle())?.contentFrame();
  if (!frame) throw new Error('the widget iframe has no content');
  return frame;
}

/** Opens the widget from the launcher (a no-op when it is already open); waits for the panel. */
export async function openWidget(page: Page): Promise<void> {
  const frame = page.locator('iframe[data-fio-widget]');
  if (!(await frame.isVisible())) await page.getByRole('button', { name: 'Abrir chat' }).click();
  await frame.waitFor({ state: 'visible' });
}

/**
 * Closes the widget: the launcher's "Fechar chat" on a desktop; on a phone the panel covers the launcher, so
 * the widget's own "Minimizar chat". Waits until the launcher offers to open it again.
 */
export async function closeWidget(page: Page): Promise<void> {
  const frame = page.locator('iframe[data-fio-widget]');
  if (await frame.isVisible()) {
    const close = page.getByRole('button', { name: 'Fechar chat' });
    if (await close.isVisible()) await close.click();
    else await widgetFrame(page).getByRole('button', { name: 'Minimizar chat' }).click();
  }
  await page.getByRole('button', { name: 'Abrir chat' }).waitFor();
}

/**
 * Writes in the widget's composer and sends with Enter; waits until the server has it (the row has its seq),
 * so leaving the page right after loses nothing.
 */
export async function say(page: Page, text: string): Promise<void> {
  await composer(page).fill(text);
  await composer(page).press('Enter');
  await conversationLog(page).locator('li[data-seq]').filter({ hasText: text }).waitFor();
}

/** The seqs of the widget's timeline rows, in screen order. */
export function widgetSeqs(page: Page): Promise<number[]> {
  return conversationLog(page)
    .locator('li[data-seq]')
    .evaluateAll((lis) =>
      lis
        .map((li) => ({ seq: Number(li.getAttribute('data-seq')), top: li.getBoundingClientRect().top }))
        .sort((a, b) => a.top - b.top)
        .map((r) => r.seq),
    );
}

/** A timeline has no seq twice and runs in order. */
export function expectOrderedOnce(seqs: number[]): void {
  expect(new Set(seqs).size).toBe(seqs.length);
  expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
}

/** The demo tenant's seeded widget channel ("Site") as admins see it. */
export async function demoWidgetChannel(stack: Stack, token: string): Promise<WidgetChannelView> {
  const res = await api<z.infer<typeof WidgetChannelsResponse>>(stack, '/api/widget-channels', {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  const channel = res.body.channels.find((c) => c.id === stack.widgetHost.channelId);
  if (!channel) throw new Error(`widget channel ${stack.widgetHost.channelId} not listed`);
  return channel;
}

/** Changes the demo widget channel (settings merged over what is stored; the API replaces them whole). */
export async function updateWidgetChannel(
  stack: Stack,
  token: string,
  change: { botEnabled?: boolean; settings?: Partial<WidgetSettings> },
): Promise<WidgetChannelView> {
  const current = await demoWidgetChannel(stack, token);
  const res = await api<WidgetChannelView>(stack, `/api/widget-channels/${current.id}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}` },
    body: JSON.stringify({
      ...(change.botEnabled === undefined ? {} : { botEnabled: change.botEnabled }),
      ...(change.settings ? { settings: { ...current.settings, ...change.settings } } : {}),
    }),
  });
  expect(res.status).toBe(200);
  return res.body;
}

/** Always open (no business hours: the widget is never in its offline mode), CSAT asked right at the close. */
export async function openHoursWithCsat(stack: Stack, token: string): Promise<void> {
  const headers = { authorization: `Bearer ${token}` };
  const now = await api<ServiceSettingsResponse>(stack, '/api/settings/service', { headers });
  const res = await api<ServiceSettingsResponse>(stack, '/api/settings/service', {
    method: 'PUT',
    headers,
    body: JSON.stringify({
      settings: { ...now.body.settings, csat: { ...now.body.settings.csat, enabled: true, delaySeconds: 0 } },
      businessHours: null,
    }),
  });
  expect(res.status).toBe(200);
}

/** A new identity secret for the channel (shown once), as an admin rotates it. */
export async function rotateIdentitySecret(stack: Stack, token: string, channelId: string): Promise<string> {
  const res = await api<{ identitySecret: string }>(stack, `/api/channels/${channelId}/identity-secret`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(201);
  return res.body.identitySecret;
}

/** An identity token as the ISP's server signs it (HS256), `exp` seconds from now (negative: expired). */
export function identityToken(
  secret: string,
  claims: { sub: string; name?: string; email?: string; phone?: string },
  expInSeconds = 600,
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + expInSeconds)
    .sign(new TextEncoder().encode(secret));
}

/** window.Fio on the host page (through the DevTools protocol: the host's CSP allows no inline script). */
export function fio(page: Page, call: 'open' | 'close' | 'toggle' | 'shutdown'): Promise<void>;
export function fio(page: Page, call: 'identify', arg: string): Promise<void>;
export function fio(page: Page, call: string, arg?: string): Promise<void> {
  return page.evaluate(
    ([name, value]) => {
      const api = (window as unknown as { Fio: Record<string, (v?: string) => void> }).Fio;
      api[name as string]?.(value);
    },
    [call, arg] as const,
  );
}
