// Who may connect a WhatsApp Cloud number: only a tenant whose access token the Graph API (the simulator,
// which answers like Meta) accepts for that number. A number live in one tenant is a 409 to another that
// names no tenant; once removed, a re-claim needs the same proof, and the number's webhooks then reach only
// the tenant that proved it. Every refusal stores nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import { ACME, GLOBEX } from '../support/fixtures';
import { agentToken, api, startE2eStack } from './stack';
import {
  conversationOf,
  createCloudChannel,
  events,
  messages,
  ownerQuery,
  simulatorNumber,
  type TestNumber,
} from './whatsapp-helpers';

let stack: Stack;
let acmeAdmin: string;
let globexAdmin: string;
let globexAgent: string;
/** The number the two tenants contend for, and another number of Globex's (a valid token, not this one's). */
let number: Omit<TestNumber, 'channelId'>;
let globexOwn: Omit<TestNumber, 'channelId'>;
let acmeChannelId: string;

const CUSTOMER = '5531991110077';
const user = (tenant: typeof ACME, role: string) => {
  const found = tenant.users.find((u) => u.role === role);
  if (!found) throw new Error(`no ${role} in ${tenant.slug}`);
  return found;
};

interface Envelope {
  error: { code: string; message: string; details?: { reason?: string } };
}

beforeAll(async () => {
  stack = await startE2eStack('whatsapp-claim');
  const login = (u: { email: string; password: string }) => agentToken(stack, u.email, u.password);
  acmeAdmin = await login(user(ACME, 'admin'));
  globexAdmin = await login(user(GLOBEX, 'admin'));
  globexAgent = await login(user(GLOBEX, 'agent'));
  number = simulatorNumber(stack);
  globexOwn = simulatorNumber(stack);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

/** Channel rows (removed ones included) holding the contended number, per tenant slug. */
async function rowsOfNumber(): Promise<{ slug: string; removed: boolean }[]> {
  return ownerQuery<{ slug: string; removed: boolean }>(
    stack,
    `select t.slug, c.removed_at is not null as removed from channels c join tenants t on t.id = c.tenant_id
     where c.kind = 'whatsapp_cloud' and c.address = $1 order by c.created_at`,
    [number.phoneNumberId],
  );
}

const claim = (admin: string, accessToken: string) =>
  createCloudChannel(stack, admin, { ...number, accessToken }) as Promise<{
    status: number;
    body: Envelope & { channel: { id: string; settings: Record<string, unknown> } };
  }>;

describe('connecting a WhatsApp Cloud number', () => {
  it('refuses an invalid token and another number’s token with 422, storing nothing', async () => {
    const invalid = await claim(acmeAdmin, 'EAAG-not-a-real-token');
    expect(invalid.status).toBe(422);
    expect(invalid.body.error).toMatchObject({
      code: 'ownership_not_proven',
      details: { reason: 'token_invalid' },
    });
    const foreign = await claim(acmeAdmin, globexOwn.accessToken);
    expect(foreign.status).toBe(422);
    expect(foreign.body.error).toMatchObject({
      code: 'ownership_not_proven',
      details: { reason: 'no_access' },
    });
    expect(foreign.body.error.message).toContain(number.phoneNumberId);
    expect(await rowsOfNumber()).toEqual([]);
  });

  it('connects the number with its own token, keeping what Graph says about it', async () => {
    const res = await claim(acmeAdmin, number.accessToken);
    expect(res.status).toBe(201);
    expect(res.body.channel.settings).toMatchObject({
      phoneNumberId: number.phoneNumberId,
      displayPhoneNumber: '5511911110000',
      verifiedName: 'Fio Suporte',
    });
    acmeChannelId = res.body.channel.id;
    expect(await rowsOfNumber()).toEqual([{ slug: 'acme', removed: false }]);
  });

  it('answers another tenant 409 for a number live elsewhere, naming no tenant', async () => {
    const taken = await claim(globexAdmin, number.accessToken);
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('conflict');
    const text = JSON.stringify(taken.body).toLowerCase();
    for (const secret of ['acme', ACME.name.toLowerCase(), acmeChannelId]) expect(text).not.toContain(secret);
    // Without the token, the refusal comes first: nobody learns the number is connected here.
    const guess = await claim(globexAdmin, globexOwn.accessToken);
    expect([guess.status, guess.body.error.code]).toEqual([422, 'ownership_not_proven']);
    expect(await rowsOfNumber()).toEqual([{ slug: 'acme', removed: false }]);
  });
});

describe('re-claiming a removed number', () => {
  it('refuses a re-claim without the owning token, and a Graph outage with a retryable 503, storing nothing', async () => {
    await stack.whatsapp.inbound({
      phoneNumberId: number.phoneNumberId,
      from: CUSTOMER,
      text: 'sou da Acme',
    });
    await conversationOf(stack, acmeChannelId, CUSTOMER);
    const removed = await fetch(`${stack.workerUrl}/api/channels/${acmeChannelId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${acmeAdmin}` },
    });
    expect(removed.status).toBe(204);

    for (const token of ['EAAG-any-token-at-all', globexOwn.accessToken]) {
      const refused = await claim(globexAdmin, token);
      expect([refused.status, refused.body.error.code]).toEqual([422, 'ownership_not_proven']);
    }
    stack.whatsapp.injectFaults('number', [{ status: 503 }], number.phoneNumberId);
    const down = await claim(globexAdmin, number.accessToken);
    expect([down.status, down.body.error.code]).toEqual([503, 'unavailable']);
    expect(down.body.error.message).toMatch(/try again/);
    expect(await rowsOfNumber()).toEqual([{ slug: 'acme', removed: true }]);

    // Nobody owns the number now: Meta's webhook is acknowledged and stored nowhere.
    const lost = await stack.whatsapp.inbound({
      phoneNumberId: number.phoneNumberId,
      from: CUSTOMER,
      text: 'alô?',
    });
    expect([lost.status, JSON.parse(lost.body).unrouted]).toEqual([200, 1]);
  });

  it('accepts the owning token, and the number’s webhooks then reach only the new tenant', async () => {
    const res = await claim(globexAdmin, number.accessToken);
    expect(res.status).toBe(201);
    expect(await rowsOfNumber()).toEqual([
      { slug: 'acme', removed: true },
      { slug: 'globex', removed: false },
    ]);
    const inbound = await stack.whatsapp.inbound({
      phoneNumberId: number.phoneNumberId,
      from: CUSTOMER,
      text: 'agora sou da Globex',
    });
    expect([inbound.status, JSON.parse(inbound.body).stored]).toEqual([200, 1]);
    const conversationId = await conversationOf(stack, res.body.channel.id, CUSTOMER);
    const seen = messages(await events(stack, globexAgent, conversationId)).map((m) => m.text);
    expect(seen).toEqual(['agora sou da Globex']);
    const perTenant = await ownerQuery<{ slug: string; n: string }>(
      stack,
      `select t.slug, count(*) as n from conversations v join contacts k on k.id = v.contact_id
       join tenants t on t.id = v.tenant_id where k.phone = $1 group by t.slug order by t.slug`,
      [CUSTOMER],
    );
    expect(perTenant.map((r) => [r.slug, Number(r.n)])).toEqual([
      ['acme', 1],
      ['globex', 1],
    ]);
    // Acme's old conversation has only what it had before the number changed hands.
    const acmeConversation = await conversationOf(stack, acmeChannelId, CUSTOMER);
    const acmeAgent = await agentToken(stack, user(ACME, 'agent').email, user(ACME, 'agent').password);
    const old = messages(await events(stack, acmeAgent, acmeConversation)).map((m) => m.text);
    expect(old).toEqual(['sou da Acme']);
    expect(
      (
        await api(stack, `/api/conversations/${conversationId}/events`, {
          headers: { authorization: `Bearer ${acmeAgent}` },
        })
      ).status,
    ).toBe(404);
  });
});
