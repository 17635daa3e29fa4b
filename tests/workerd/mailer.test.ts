// The HTTP e-mail API adapter against the local simulator: what it sends, retries on 429/5xx with backoff
// (then success), no retry on other 4xx, timeouts and unreachable APIs as clear MailErrors.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { httpMailer } from '../../workers/mail/http-mailer';
import { logMailer } from '../../workers/mail/log-mailer';
import { MailError, mailerFor } from '../../workers/mail/mailer';
import { TEST_MAIL_API_KEY } from '../support/fixtures';
import { attemptsTo, clearMailFault, mailsTo, setMailFault, uniqueEmail } from './mailbox';

const message = (to: string) => ({
  to,
  subject: 'Assunto de teste',
  text: 'Texto simples',
  html: '<p>Texto simples</p>',
});

const mailer = (extra: Partial<Parameters<typeof httpMailer>[0]> = {}) =>
  httpMailer({
    url: env.MAIL_API_URL as string,
    apiKey: TEST_MAIL_API_KEY,
    from: 'Fio <f@fio.test>',
    backoffMs: 20,
    ...extra,
  });

async function failure(p: Promise<unknown>): Promise<MailError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MailError);
  return err as MailError;
}

describe('HTTP e-mail API adapter', () => {
  it('posts from, to, subject, text and html with the bearer key and returns the provider id', async () => {
    const to = uniqueEmail();
    const receipt = await mailer().send(message(to));
    const [got] = await mailsTo(to);
    expect(got).toMatchObject({
      id: receipt.id,
      from: 'Fio <f@fio.test>',
      to: [to],
      subject: 'Assunto de teste',
    });
    expect(got?.html).toBe('<p>Texto simples</p>');
    expect(mailerFor(env)).toBeDefined();
  });

  it('retries a 503 and a 429 (honouring Retry-After), then succeeds', async () => {
    const to = uniqueEmail();
    await setMailFault(to, 'down', 1);
    await mailer().send(message(to));
    expect((await attemptsTo(to)).map((a) => a.status)).toEqual([503, 200]);

    const limited = uniqueEmail();
    await setMailFault(limited, 'rate_limited', 1);
    await mailer().send(message(limited));
    expect((await attemptsTo(limited)).map((a) => a.status)).toEqual([429, 200]);
    expect(await mailsTo(limited)).toHaveLength(1);
  });

  it('gives up after its attempts with the provider status and words', async () => {
    const to = uniqueEmail();
    await setMailFault(to, 'down');
    try {
      const err = await failure(mailer({ attempts: 3 }).send(message(to)));
      expect(err.status).toBe(503);
      expect(err.message).toContain('Simulated outage');
      expect((await attemptsTo(to)).map((a) => a.status)).toEqual([503, 503, 503]);
      expect(await mailsTo(to)).toEqual([]);
    } finally {
      await clearMailFault(to);
    }
  });

  it('does not retry a refused key (401): a configuration problem', async () => {
    const to = uniqueEmail();
    const err = await failure(mailer({ apiKey: 'wrong-key' }).send(message(to)));
    expect(err.status).toBe(401);
    expect(err.message).toContain('API key is invalid');
    expect(await mailsTo(to)).toEqual([]);
  });

  it('times out an API that never answers, and reports an unreachable one', async () => {
    const to = uniqueEmail();
    await setMailFault(to, 'hang');
    try {
      const err = await failure(mailer({ attempts: 2, timeoutMs: 300 }).send(message(to)));
      expect(err.message).toContain('no answer within 300 ms');
      expect(await attemptsTo(to)).toHaveLength(2);
    } finally {
      await clearMailFault(to);
    }
    const closed = await failure(
      mailer({ url: `${env.FIO_TEST_CLOSED_URL}/emails`, attempts: 1 }).send(message(to)),
    );
    expect(closed.message).toContain('unreachable');
  });

  it('the log-only mailer accepts every message and sends nothing', async () => {
    const to = uniqueEmail();
    expect(await logMailer('Fio <f@fio.test>').send(message(to))).toEqual({ id: null });
    expect(await mailsTo(to)).toEqual([]);
  });
});
