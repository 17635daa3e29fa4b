// Who may hold a WhatsApp Cloud number: the Graph API proof a create needs (every Graph answer classified:
// owned, refused for good, or worth retrying), and the database constraint that keeps a number in one live
// channel across all tenants even though row-level security hides the other tenants' rows.
import { env } from 'cloudflare:workers';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { channels } from '../../drizzle/schema';
import type { ChannelConfig } from '../../workers/channels/outbound';
import { AppError } from '../../workers/errors';
import { proveCloudOwnership } from '../../workers/services/channel-ownership';
import { inTenant, openDatabases } from '../../workers/services/db';
import { isUniqueViolation } from '../../workers/services/pg-errors';
import { ACME, GLOBEX } from '../support/fixtures';
import { login } from './helpers';

const NUMBER = '106540352242922';
const config: Extract<ChannelConfig, { kind: 'whatsapp_cloud' }> = {
  kind: 'whatsapp_cloud',
  apiBase: 'https://graph.facebook.com',
  apiVersion: 'v23.0',
  phoneNumberId: NUMBER,
  wabaId: '102290129340398',
  accessToken: 'EAAG-token',
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const graphError = (status: number, code: number, extra: Record<string, unknown> = {}) =>
  json({ error: { message: `(#${code}) Graph says no`, type: 'OAuthException', code, ...extra } }, status);

/** The proof against one scripted Graph answer (a Response, or an Error the fetch throws). */
async function prove(answer: Response | Error | 'hang') {
  const urls: { url: string; authorization: string | null }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    urls.push({ url: String(input), authorization: new Headers(init?.headers).get('authorization') });
    if (answer === 'hang') return new Promise<Response>(() => {});
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const outcome = await proveCloudOwnership(config, { fetch, timeoutMs: 200 }).then(
    (proof) => ({ proof }),
    (error: unknown) => {
      if (!(error instanceof AppError)) throw error;
      return { status: error.status, code: error.code, message: error.message, details: error.details };
    },
  );
  return { outcome, urls };
}

describe('proving a Cloud number with the Graph API', () => {
  it('accepts a token Graph answers for with that very number, asking for the number’s fields', async () => {
    const { outcome, urls } = await prove(
      json({
        id: NUMBER,
        display_phone_number: '+55 31 3333-4444',
        verified_name: 'Fio',
        quality_rating: 'GREEN',
      }),
    );
    expect(outcome).toEqual({ proof: { displayPhoneNumber: '+55 31 3333-4444', verifiedName: 'Fio' } });
    expect(urls).toEqual([
      {
        url: `https://graph.facebook.com/v23.0/${NUMBER}?fields=id,display_phone_number,verified_name,quality_rating`,
        authorization: 'Bearer EAAG-token',
      },
    ]);
  });

  it('refuses for good (422) an invalid token, a token without access, and an answer about another number', async () => {
    const refused = async (answer: Response) => (await prove(answer)).outcome;
    expect(await refused(graphError(401, 190))).toMatchObject({
      status: 422,
      code: 'ownership_not_proven',
      details: { reason: 'token_invalid', graphCode: 190 },
    });
    const unknown = graphError(400, 100, { error_subcode: 33, type: 'GraphMethodException' });
    for (const answer of [unknown, graphError(403, 10), graphError(403, 200), graphError(400, 100)]) {
      expect(await refused(answer)).toMatchObject({
        status: 422,
        code: 'ownership_not_proven',
        details: { reason: 'no_access' },
        message: expect.stringContaining(NUMBER),
      });
    }
    for (const answer of [json({ id: '999999999999' }), json({ verified_name: 'Fio' }), json('ok')]) {
      expect(await refused(answer)).toMatchObject({ status: 422, details: { reason: 'other_number' } });
    }
  });

  it('answers 503 "try again" when Graph is unreachable, slow, failing or throttling', async () => {
    const answers = [
      new TypeError('connect ECONNREFUSED'),
      'hang' as const,
      new Response('<html>bad gateway</html>', { status: 502 }),
      graphError(500, 2),
      graphError(400, 4),
      graphError(429, 80007),
    ];
    for (const answer of answers) {
      const { outcome } = await prove(answer);
      expect(outcome).toMatchObject({
        status: 503,
        code: 'unavailable',
        message: expect.stringMatching(/try again/),
      });
    }
  });
});

describe('one live channel per Cloud number across tenants (database)', () => {
  const dbs = openDatabases(env);
  afterAll(() => dbs.close());
  const number = `7${Date.now()}`;
  const row = (tenantId: string, address: string | null = number, phoneNumberId: string | null = number) => ({
    tenantId,
    kind: 'whatsapp_cloud' as const,
    name: 'Número',
    address,
    settings: { phoneNumberId, wabaId: '102290129340398' },
  });
  const tenantOf = async (tenant: typeof ACME) => {
    const admin = tenant.users.find((u) => u.role === 'admin');
    if (!admin) throw new Error('no admin');
    return (await login(admin.email, admin.password)).tenantId;
  };
  /** Every message down the cause chain (drizzle wraps the Postgres error), or null when it succeeded. */
  const failure = (write: Promise<unknown>) =>
    write.then(
      () => null,
      (err: unknown) => {
        const texts: string[] = [];
        for (let e: unknown = err; e instanceof Error; e = e.cause) texts.push(e.message);
        return texts.join(' | ');
      },
    );
  const insert = (tenantId: string, values: ReturnType<typeof row>) =>
    inTenant(dbs.primary, tenantId, (tx) =>
      tx.insert(channels).values(values).returning({ id: channels.id }),
    );

  it('refuses a second live row for a number another tenant holds, though that tenant’s row is invisible', async () => {
    const acme = await tenantOf(ACME);
    const globex = await tenantOf(GLOBEX);
    const [held] = await insert(acme, row(acme));
    const visible = await inTenant(dbs.primary, globex, (tx) =>
      tx.select().from(channels).where(eq(channels.address, number)),
    );
    expect(visible).toEqual([]);
    const refused = await insert(globex, row(globex)).catch((err: unknown) => err);
    expect(isUniqueViolation(refused, 'channels_live_address_key')).toBe(true);

    // Removed, the number is free in the database; the API is what demands the proof for a re-claim.
    await inTenant(dbs.primary, acme, (tx) =>
      tx
        .update(channels)
        .set({ removedAt: new Date() })
        .where(eq(channels.id, held?.id ?? '')),
    );
    expect(await insert(globex, row(globex))).toHaveLength(1);
    const live = await dbs.primary.execute<{ tenant_id: string }>(
      sql`select tenant_id from fio_find_channel_by_address('whatsapp_cloud', ${number})`,
    );
    expect(live.rows).toEqual([{ tenant_id: globex }]);
    const left = await inTenant(dbs.primary, globex, (tx) =>
      tx
        .select({ id: channels.id })
        .from(channels)
        .where(and(eq(channels.address, number), eq(channels.tenantId, globex))),
    );
    expect(left).toHaveLength(1);
  });

  it('refuses a Cloud row whose address is not its phone_number_id in one spelling, or a gateway without one', async () => {
    const acme = await tenantOf(ACME);
    const other = `8${Date.now()}`;
    const refusals = [
      row(acme, other, number), // routed by one number, sending from another
      row(acme, null, other), // no address escapes the unique index
      row(acme, `0${other}`, `0${other}`), // a second spelling of the same Graph id
    ];
    for (const values of refusals) {
      expect(await failure(insert(acme, values))).toMatch(/channels_(cloud_number|address)_check/);
    }
    const gateway = { tenantId: acme, kind: 'evolution' as const, name: 'Evo', address: null, settings: {} };
    expect(await failure(inTenant(dbs.primary, acme, (tx) => tx.insert(channels).values(gateway)))).toMatch(
      /channels_address_check/,
    );
  });
});
