// The e-mail API simulator seen from tests in workerd: wait for a message to an address, pull the token
// out of its link, and set per-recipient faults (so one test's outage never touches another's mail).
import { env } from 'cloudflare:workers';
import { expect } from 'vitest';

export interface SimMail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export async function mailsTo(address: string): Promise<SimMail[]> {
  const res = await fetch(`${env.FIO_TEST_MAIL_URL}/_mail/messages?to=${encodeURIComponent(address)}`);
  return ((await res.json()) as { messages: SimMail[] }).messages;
}

export async function attemptsTo(address: string): Promise<{ status: number }[]> {
  const res = await fetch(`${env.FIO_TEST_MAIL_URL}/_mail/attempts?to=${encodeURIComponent(address)}`);
  return ((await res.json()) as { attempts: { status: number }[] }).attempts;
}

/** Waits until `count` messages reached the address (e-mails may be sent after the response). */
export async function waitForMails(address: string, count = 1, ms = 5_000): Promise<SimMail[]> {
  const until = Date.now() + ms;
  for (;;) {
    const mails = await mailsTo(address);
    if (mails.length >= count) return mails;
    if (Date.now() > until)
      throw new Error(`${mails.length} of ${count} e-mails to ${address} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The token of the link to `path` (/reset, /invite) in a message's text, checked to be in the HTML too. */
export function linkToken(mail: SimMail, path: '/reset' | '/invite'): string {
  const match = new RegExp(`https?://[^\\s]+${path}\\?token=([A-Za-z0-9_%-]+)`).exec(mail.text);
  if (!match?.[1]) throw new Error(`no ${path} link in: ${mail.text}`);
  const token = decodeURIComponent(match[1]);
  expect(mail.html).toContain(`${path}?token=${match[1]}`);
  return token;
}

export async function setMailFault(
  to: string,
  mode: 'down' | 'rate_limited' | 'hang',
  count?: number,
): Promise<void> {
  const res = await fetch(`${env.FIO_TEST_MAIL_URL}/_mail/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ to, mode, ...(count ? { count } : {}) }),
  });
  expect(res.status).toBe(200);
}

export async function clearMailFault(to: string): Promise<void> {
  await fetch(`${env.FIO_TEST_MAIL_URL}/_mail/faults?to=${encodeURIComponent(to)}`, { method: 'DELETE' });
}

export const uniqueEmail = (domain = 'acme.test') => `u${crypto.randomUUID().slice(0, 12)}@${domain}`;
