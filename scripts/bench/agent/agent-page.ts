// Everything the bench knows about the agent app's markup, in one place to adapt when the UI changes: how to
// sign in, where the inbox lists a conversation, and when an open conversation is live.
import type { BrowserContext, Page } from 'playwright-core';

export const UI = {
  /** Shown once signed in (the inbox's heading). */
  signedIn: '#inbox-title',
  /** A conversation's row in the inbox list. */
  listRow: (conversationId: string) => `button[data-conversation="${conversationId}"]`,
  /** The open conversation's connection badge once its socket is live (replay done). */
  live: '.conversation-head .connection.live',
};

/** Every view of open conversations, so any status (bot, queued, assigned) is listed. */
const inboxUrl = (base: string) => `${base}/?view=all`;

/** A new tab signed in through the login form; the app keeps the session for the tab (sessionStorage). */
export async function signedInPage(
  context: BrowserContext,
  base: string,
  agent: { email: string; password: string },
  timeoutMs: number,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(inboxUrl(base), { timeout: timeoutMs });
  await page.locator('input[type="email"]').fill(agent.email, { timeout: timeoutMs });
  await page.locator('input[type="password"]').fill(agent.password);
  await page.locator('button[type="submit"]').click();
  await page.locator(UI.signedIn).waitFor({ timeout: timeoutMs });
  return page;
}

/** A fresh app instance (a reload) on the inbox, with the conversation's row listed. */
export async function showInbox(page: Page, base: string, conversationId: string, timeoutMs: number) {
  await page.goto(inboxUrl(base), { timeout: timeoutMs });
  await page.locator(UI.listRow(conversationId)).waitFor({ timeout: timeoutMs });
}

/** A fresh app instance with the conversation open and its socket live. */
export async function showConversation(page: Page, base: string, conversationId: string, timeoutMs: number) {
  await page.goto(`${base}/conversations/${conversationId}?view=all`, { timeout: timeoutMs });
  await page.locator(UI.live).waitFor({ timeout: timeoutMs });
}

export function clickConversation(page: Page, conversationId: string, timeoutMs: number): Promise<void> {
  return page.locator(UI.listRow(conversationId)).click({ timeout: timeoutMs });
}

/** Leaves the app (its sockets close), so it does no work while the baseline is measured. */
export async function leave(page: Page): Promise<void> {
  await page.goto('about:blank');
}
