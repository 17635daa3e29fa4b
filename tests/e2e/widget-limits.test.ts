// Acceptance of the website widget's limits (issue 14), in Chromium against the real stack: a site not on the
// channel's list gets no launcher, no config (403, no CORS) and no frame (frame-ancestors), and no session
// either; a forged and an expired identity token are refused with nothing stored; "verified only" refuses an
// anonymous visitor (the widget says so) and lets an identified customer in, whose history is there on a
// second browser; 100 page loads by one visitor make one contact, one conversation and one open ticket.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import { launchBrowser } from '../support/browser';
import { startE2eStack } from './stack';
import { ownerQuery } from './whatsapp-helpers';
import {
  adminToken,
  conversationLog,
  fio,
  identityToken,
  launcher,
  openHoursWithCsat,
  openWidget,
  rotateIdentitySecret,
  SHOTS,
  say,
  updateWidgetChannel,
  widgetFrame,
} from './widget-pages';

let stack: Stack;
let browser: Browser;
let token: string;
let secret: string;

beforeAll(async () => {
  stack = await startE2eStack('widget-limits');
  token = await adminToken(stack);
  // No pre-chat form here: a visitor writes straight away.
  await updateWidgetChannel(stack, token, { settings: { prechat: [] } });
  await openHoursWithCsat(stack, token);
  secret = await rotateIdentitySecret(stack, token, stack.widgetHost.channelId);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const origin = (url: string) => new URL(url).origin;

/** What the tenant's widget channel holds: visitors' contacts, conversations, open tickets. */
async function counts() {
  const [row] = await ownerQuery<{ contacts: string; conversations: string; open: string }>(
    stack,
    `select (select count(*) from contacts k where k.tenant_id = c.tenant_id) as contacts,
            (select count(*) from conversations v where v.channel_id = c.id) as conversations,
            (select count(*) from tickets t join conversations v on v.id = t.conversation_id
              where v.channel_id = c.id and t.status <> 'closed') as open
     from channels c where c.id = $1`,
    [stack.widgetHost.channelId],
  );
  if (!row) throw new Error('widget channel not found');
  return { contacts: Number(row.contacts), conversations: Number(row.conversations), open: Number(row.open) };
}

function session(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return fetch(`${stack.workerUrl}/api/widget/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ channel: stack.widgetHost.channelId, ...body }),
  });
}

describe('sites not on the list', () => {
  it('a stranger site gets no launcher, no config, no frame and no session; nothing is stored', async () => {
    const stranger = origin(stack.widgetHost.strangerUrl);
    const allowed = origin(stack.widgetHost.url);
    const before = await counts();

    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    // The loader's config request is refused without CORS, so it draws nothing and says why in the console.
    const refusal = page.waitForEvent('console', (m) => m.text().includes('the chat widget is not shown'));
    await page.goto(`${stack.widgetHost.strangerUrl}/`);
    expect((await refusal).type()).toBe('warning');
    expect(await launcher(page).count()).toBe(0);
    expect(await page.locator('iframe[data-fio-widget]').count()).toBe(0);

    // The frame put on the stranger page by hand, even claiming the allowed site as its host, is blocked by
    // the frame document's frame-ancestors: the widget never renders there.
    const framePath = `/widget/frame/${stack.widgetHost.channelId}?host=${encodeURIComponent(allowed)}`;
    const frameResponse = page.waitForResponse((r) => r.url().includes('/widget/frame/'));
    await page.evaluate((src) => {
      const f = document.createElement('iframe');
      f.id = 'forced';
      f.src = src;
      document.body.appendChild(f);
    }, `${stack.workerUrl}${framePath}`);
    const csp = (await (await frameResponse).allHeaders())['content-security-policy'] ?? '';
    expect(csp).toMatch(/frame-ancestors/);
    expect(csp).toContain(allowed);
    expect(csp).not.toContain(stranger);
    const forced = await (await page.locator('#forced').elementHandle())?.contentFrame();
    // Chromium replaces a frame its ancestors may not show with its error page.
    await expect.poll(() => forced?.url()).toBe('chrome-error://chromewebdata/');
    await page.screenshot({ path: `${SHOTS}/e-widget-stranger-1280.png` });
    await context.close();

    // The same by hand: the config is 403 with no CORS grant, the frame for the stranger host is a 403 page.
    const refused = await fetch(
      `${stack.workerUrl}/api/widget/channels/${stack.widgetHost.channelId}/config`,
      {
        headers: { origin: stranger },
      },
    );
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    const granted = await fetch(
      `${stack.workerUrl}/api/widget/channels/${stack.widgetHost.channelId}/config`,
      {
        headers: { origin: allowed },
      },
    );
    expect(granted.status).toBe(200);
    expect(granted.headers.get('access-control-allow-origin')).toBe(allowed);
    const strangerFrame = await fetch(
      `${stack.workerUrl}/widget/frame/${stack.widgetHost.channelId}?host=${encodeURIComponent(stranger)}`,
    );
    expect(strangerFrame.status).toBe(403);

    // No session for the stranger, whether it says so or only its browser's Origin does.
    expect((await session({ hostOrigin: stranger, name: 'Intruso' })).status).toBe(403);
    expect((await session({ hostOrigin: allowed, name: 'Intruso' }, { origin: stranger })).status).toBe(403);
    expect(await counts()).toEqual(before);
  }, 120_000);
});

describe('identity', () => {
  it('refuses a forged and an expired identity token, storing nothing; a valid one is verified', async () => {
    const hostOrigin = origin(stack.widgetHost.url);
    const before = await counts();
    const forged = await identityToken('not-the-channel-secret-at-all-0123456789', { sub: 'cliente-1' });
    const expired = await identityToken(secret, { sub: 'cliente-1' }, -120);
    for (const identity of [forged, expired]) {
      const res = await session({ hostOrigin, identityToken: identity });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
    expect(await counts()).toEqual(before);
    const ok = await session({
      hostOrigin,
      identityToken: await identityToken(secret, { sub: 'cliente-1' }),
    });
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as { verified: boolean }).verified).toBe(true);
  });

  it('"verified only" refuses an anonymous visitor; an identified customer has their history on a second browser', async () => {
    await updateWidgetChannel(stack, token, { settings: { verifiedOnly: true } });
    const hostOrigin = origin(stack.widgetHost.url);
    try {
      const anonymous = await session({ hostOrigin, name: 'Sem login' });
      expect(anonymous.status).toBe(401);
      expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('identity_required');

      // In the browser: the anonymous visitor is told to sign in and gets no composer.
      const first = await browser.newContext({ viewport: { width: 1280, height: 860 } });
      const page = await first.newPage();
      await page.goto(`${stack.widgetHost.url}/`);
      await openWidget(page);
      await widgetFrame(page)
        .getByText(/entre|login|identifi/i)
        .first()
        .waitFor();
      expect(await widgetFrame(page).getByLabel('Mensagem', { exact: true }).count()).toBe(0);
      await page.screenshot({ path: `${SHOTS}/e-widget-verified-only-1280.png` });

      // The portal signs the customer in: the widget opens their conversation and they write.
      const claims = { sub: 'portal-4242', name: 'Joana Portal', email: 'joana@example.com' };
      await fio(page, 'identify', await identityToken(secret, claims));
      await say(page, 'Minha fatura veio com valor errado');
      await first.close();

      // Another device: the same customer, signed in there, sees that message.
      const second = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const phone = await second.newPage();
      await phone.goto(`${stack.widgetHost.url}/`);
      await fio(phone, 'identify', await identityToken(secret, claims));
      await openWidget(phone);
      await conversationLog(phone).getByText('Minha fatura veio com valor errado').waitFor();
      await phone.screenshot({ path: `${SHOTS}/e-widget-second-device-390.png` });
      await second.close();
    } finally {
      await updateWidgetChannel(stack, token, { settings: { verifiedOnly: false } });
    }
  }, 120_000);
});

describe('sessions per visitor', () => {
  it('100 page loads by one visitor make one contact, one conversation and one open ticket', async () => {
    const before = await counts();
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page: Page = await context.newPage();
    await page.goto(`${stack.widgetHost.url}/`);
    await openWidget(page);
    await say(page, 'Primeira visita ao site');
    for (let load = 2; load <= 100; load++) {
      await page.goto(`${stack.widgetHost.url}/?visita=${load}`);
      await openWidget(page);
      await conversationLog(page).getByText('Primeira visita ao site').waitFor();
    }
    expect(await counts()).toEqual({
      contacts: before.contacts + 1,
      conversations: before.conversations + 1,
      open: before.open + 1,
    });
    await context.close();
  }, 400_000);
});
