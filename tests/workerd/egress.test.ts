// Provider calls never reach our own network. Real sockets: a "provider" listener on the one loopback origin
// this test deployment allows (PROVIDER_PRIVATE_ORIGINS), a "canary" on another port that counts every TCP
// connection, Postgres' own port. Gateway media URLs (and redirects) anywhere but the gateway's origin are
// refused before any connection, logged with the channel and origin (never the query), and fail the
// attachment at once; oversize bodies are cut off; admins cannot create a gateway on an internal address,
// and a channel test never echoes what an unreachable or internal address said.
import { env } from 'cloudflare:workers';
import { afterEach, beforeAll, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { hostProblem } from '../../workers/channels/egress';
import { PROVIDER_UNREACHABLE } from '../../workers/channels/http';
import { INBOUND_MEDIA_MAX_BYTES } from '../../workers/channels/media-limits';
import type { ChannelConfig } from '../../workers/channels/outbound';
import { createTransport } from '../../workers/channels/transport';
import { asTenant, openClient } from './db-helpers';
import { call, login, postJson } from './helpers';
import { PEOPLE } from './sign-in';

const PROVIDER = env.FIO_TEST_PROVIDER_URL;
const CANARY = env.FIO_TEST_CANARY_URL;
const CANARY_PORT = new URL(CANARY).port;
const PG_PORT = new URL(env.DATABASE_URL).port;
const PRIVATE = (env.PROVIDER_PRIVATE_ORIGINS ?? '').split(',');

const evolution: ChannelConfig = {
  kind: 'evolution',
  baseUrl: PROVIDER,
  instance: 'evo',
  apiKey: 'evo-key-123',
  privateOrigins: PRIVATE,
  channelId: 'chan-egress',
};

async function canaryConnections(): Promise<number> {
  const res = await fetch(`${PROVIDER}/_canary`);
  return ((await res.json()) as { connections: number }).connections;
}

/** The fetch the transport uses, recording every URL it was really asked to connect to. */
function recordingFetch() {
  const urls: string[] = [];
  const f: typeof fetch = (input, init) => {
    urls.push(String(input));
    return fetch(input, init);
  };
  return { fetch: f, urls };
}

let warn: MockInstance<typeof console.warn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn');
});
afterEach(() => warn.mockRestore());

/** The structured warnings logged so far with this message. */
function warnings(msg: string): Record<string, unknown>[] {
  return warn.mock.calls
    .map((args) => {
      try {
        return JSON.parse(String(args[0])) as Record<string, unknown>;
      } catch {
        return {};
      }
    })
    .filter((line) => line.msg === msg);
}

describe('gateway media URLs', () => {
  it('are fetched from the gateway’s own origin, with its key', async () => {
    const { fetch, urls } = recordingFetch();
    const result = await createTransport(evolution, { fetch }).downloadMedia(`${PROVIDER}/files/ok.jpg`);
    expect(result.ok && [[...new Uint8Array(result.media.bytes)], result.media.mimeType]).toEqual([
      [0xff, 0xd8, 0xff, 0xe0],
      'image/jpeg',
    ]);
    expect(urls).toEqual([`${PROVIDER}/files/ok.jpg`]);
    // And a redirect that stays on the origin is followed.
    const hop = `${PROVIDER}/redirect?to=${encodeURIComponent('/files/ok.jpg')}`;
    expect(await createTransport(evolution).downloadMedia(hop)).toMatchObject({ ok: true });
    expect(warnings('provider fetch refused')).toEqual([]);
  });

  const canaryPath = `:${CANARY_PORT}/file.jpg?token=s3cr3t`;
  const refused: [string, string, string][] = [
    [
      'loopback, another port of the configured host',
      `http://127.0.0.1${canaryPath}`,
      `http://127.0.0.1:${CANARY_PORT}`,
    ],
    [
      'loopback, the Postgres port',
      `http://127.0.0.1:${PG_PORT}/?token=s3cr3t`,
      `http://127.0.0.1:${PG_PORT}`,
    ],
    ['localhost by name', `http://localhost${canaryPath}`, `http://localhost:${CANARY_PORT}`],
    ['loopback as a decimal number', `http://2130706433${canaryPath}`, `http://127.0.0.1:${CANARY_PORT}`],
    ['loopback in hex', `http://0x7f000001${canaryPath}`, `http://127.0.0.1:${CANARY_PORT}`],
    ['loopback in octal', `http://0177.0.0.01${canaryPath}`, `http://127.0.0.1:${CANARY_PORT}`],
    ['loopback, short form', `http://127.1${canaryPath}`, `http://127.0.0.1:${CANARY_PORT}`],
    ['IPv6 loopback', `http://[::1]${canaryPath}`, `http://[::1]:${CANARY_PORT}`],
    [
      'IPv4-mapped IPv6 loopback',
      `http://[::ffff:127.0.0.1]${canaryPath}`,
      `http://[::ffff:7f00:1]:${CANARY_PORT}`,
    ],
    ['unspecified address', `http://0.0.0.0${canaryPath}`, `http://0.0.0.0:${CANARY_PORT}`],
    ['private 10/8', 'http://10.0.0.5/m.jpg?token=s3cr3t', 'http://10.0.0.5'],
    ['private 172.16/12', 'http://172.16.3.4/m.jpg', 'http://172.16.3.4'],
    ['private 192.168/16', 'http://192.168.0.10:8080/m.jpg', 'http://192.168.0.10:8080'],
    ['shared 100.64/10', 'http://100.64.1.1/m.jpg', 'http://100.64.1.1'],
    ['cloud metadata (link-local)', 'http://169.254.169.254/latest/meta-data/?x=1', 'http://169.254.169.254'],
    ['IPv6 unique local', 'http://[fd12:3456::1]/m.jpg', 'http://[fd12:3456::1]'],
    ['IPv6 link-local', 'http://[fe80::1]/m.jpg', 'http://[fe80::1]'],
    [
      'another host',
      'https://s3.provedor.com.br/evolution/M4.png?X-Amz-Signature=abc',
      'https://s3.provedor.com.br',
    ],
    [
      'the gateway host over another scheme',
      `${PROVIDER.replace('http:', 'https:')}/files/ok.jpg`,
      PROVIDER.replace('http:', 'https:'),
    ],
  ];

  it.each(refused)('refuses %s, logged, nothing connected', async (_, url, origin) => {
    const before = await canaryConnections();
    const { fetch, urls } = recordingFetch();
    const result = await createTransport(evolution, { fetch }).downloadMedia(url, 5 * 1024 * 1024);
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(result.ok || result.reason).toMatch(/^Endereço de mídia recusado \(media URL refused\): .+/);
    expect(result.ok || result.reason).not.toContain('s3cr3t');
    expect(urls).toEqual([]);
    expect(await canaryConnections()).toBe(before);
    const [line, ...more] = warnings('provider fetch refused');
    expect(more).toEqual([]);
    expect(line).toMatchObject({ level: 'warn', channelId: 'chan-egress', origin });
    expect(JSON.stringify(line)).not.toMatch(/s3cr3t|token|Signature|file\.jpg/);
  });

  it.each(refused)('refuses a redirect from the gateway to %s', async (_, url, origin) => {
    const before = await canaryConnections();
    const { fetch, urls } = recordingFetch();
    const hop = `${PROVIDER}/redirect?to=${encodeURIComponent(url)}`;
    const result = await createTransport(evolution, { fetch }).downloadMedia(hop);
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(urls).toEqual([hop]);
    expect(await canaryConnections()).toBe(before);
    expect(warnings('provider fetch refused')).toEqual([
      expect.objectContaining({ channelId: 'chan-egress', origin, hop: 1 }),
    ]);
  });

  it('follows a bounded number of redirects, and keeps a POST’s body only where fetch would', async () => {
    const loop = recordingFetch();
    const looped = await createTransport(evolution, { fetch: loop.fetch }).downloadMedia(`${PROVIDER}/loop`);
    expect(looped).toMatchObject({ ok: false, retryable: false });
    expect(loop.urls).toHaveLength(6);
    expect(warnings('provider fetch refused')).toEqual([
      expect.objectContaining({ origin: PROVIDER, reason: 'too many redirects' }),
    ]);
    // A send answered with 307 is repeated (same method and body) on the new URL of the same origin; a 303
    // becomes a GET, as fetch itself would do.
    const seen: [string, string, unknown][] = [];
    const scripted: typeof fetch = async (input, init) => {
      seen.push([init?.method ?? 'GET', String(input), init?.body ?? null]);
      if (seen.length === 1) return new Response(null, { status: 307, headers: { location: '/v2/send' } });
      if (seen.length === 2) return new Response(null, { status: 303, headers: { location: '/v2/status' } });
      return Response.json({ key: { id: '3EB0REDIRECTED' } });
    };
    const sent = await createTransport(evolution, { fetch: scripted }).send({
      to: '5531991234567',
      content: { kind: 'text', text: 'Olá' },
      reference: null,
    });
    expect(sent).toEqual({ ok: true, externalId: '3EB0REDIRECTED' });
    const body = JSON.stringify({ number: '5531991234567', text: 'Olá' });
    expect(seen).toEqual([
      ['POST', `${PROVIDER}/message/sendText/evo`, body],
      ['POST', `${PROVIDER}/v2/send`, body],
      ['GET', `${PROVIDER}/v2/status`, null],
    ]);
  });

  it('refuses the same for Uazapi links and for the Cloud API outside the Graph API and Meta’s media host', async () => {
    const before = await canaryConnections();
    const uazapi: ChannelConfig = {
      kind: 'uazapi',
      baseUrl: PROVIDER,
      instanceToken: 'uaz-token-1',
      privateOrigins: PRIVATE,
    };
    const u = recordingFetch();
    expect(await createTransport(uazapi, { fetch: u.fetch }).downloadMedia(`${CANARY}/f.ogg`)).toMatchObject({
      ok: false,
      retryable: false,
    });
    expect(u.urls).toEqual([]);
    // The Graph API (here the provider listener) hands out a media URL on another port of its host.
    const cloud: ChannelConfig = {
      kind: 'whatsapp_cloud',
      apiBase: PROVIDER,
      apiVersion: 'v23.0',
      phoneNumberId: '106540352242922',
      wabaId: '102290129340398',
      accessToken: 'EAAG-token-1',
      privateOrigins: PRIVATE,
    };
    const graph: typeof fetch = async (input) =>
      String(input).startsWith(`${PROVIDER}/v23.0/`)
        ? Response.json({ url: `${CANARY}/media?token=x`, mime_type: 'image/jpeg' })
        : fetch(input);
    expect(await createTransport(cloud, { fetch: graph }).downloadMedia('media-1')).toMatchObject({
      ok: false,
      retryable: false,
    });
    expect(await canaryConnections()).toBe(before);
    expect(warnings('provider fetch refused')).toHaveLength(2);
  });

  it('stops reading a body past the limit, declared or not', async () => {
    const cap = 1024 * 1024;
    for (const declare of ['', '&declare']) {
      const id = crypto.randomUUID();
      const url = `${PROVIDER}/endless?id=${id}&bytes=${64 * 1024 * 1024}${declare}`;
      const result = await createTransport(evolution).downloadMedia(url, cap);
      expect(result).toMatchObject({ ok: false, retryable: false });
      expect(result.ok || result.reason).toMatch(/^Arquivo grande demais \(file too large\)/);
      // The provider saw the connection closed before it could send the whole body.
      let stat: { written: number; finished: boolean; closedEarly: boolean } | null = null;
      for (let i = 0; i < 100 && !stat?.closedEarly; i++) {
        stat = await (await fetch(`${PROVIDER}/_stream?id=${id}`)).json();
        if (!stat?.closedEarly) await new Promise((r) => setTimeout(r, 50));
      }
      expect(stat).toMatchObject({ finished: false, closedEarly: true });
    }
    expect(INBOUND_MEDIA_MAX_BYTES).toEqual({
      image: 5 * 1024 * 1024,
      audio: 16 * 1024 * 1024,
      video: 16 * 1024 * 1024,
      document: 100 * 1024 * 1024,
      sticker: 500 * 1024,
    });
  });

  it('caps Evolution’s base64 answer by the decoded size too', async () => {
    expect(await createTransport(evolution).downloadMedia('M1', 4)).toMatchObject({
      ok: false,
      retryable: false,
    });
    expect(await createTransport(evolution).downloadMedia('M1', 1024)).toMatchObject({ ok: true });
  });
});

describe('what counts as our own network', () => {
  it('judges hosts as written, not over-blocking public ones', () => {
    for (const host of [
      '127.0.0.1',
      '10.255.255.255',
      '172.31.0.1',
      '192.168.1.1',
      '100.127.255.255',
      '169.254.169.254',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '[::1]',
      '[::]',
      '[::ffff:a00:1]',
      '[::ffff:169.254.169.254]',
      '[64:ff9b::7f00:1]',
      '[2002:7f00:1::]',
      '[fc00::1]',
      '[fe80::1]',
      '[ff02::1]',
      'localhost',
      'api.localhost',
      'printer.local',
      'metadata.google.internal',
      'postgres',
      '0x7f.1',
    ]) {
      expect([host, hostProblem(host)]).toEqual([host, expect.any(String)]);
    }
    for (const host of [
      '8.8.8.8',
      '172.32.0.1',
      '100.128.0.1',
      '192.169.0.1',
      '[2001:4860:4860::8888]',
      '[2a03:2880:f10c:83:face:b00c:0:25de]',
      'lookaside.fbsbx.com',
      'evo.provedor.com.br',
    ]) {
      expect([host, hostProblem(host)]).toEqual([host, null]);
    }
  });
});

describe('channel admin', () => {
  let admin = { token: '', tenantId: '' };
  beforeAll(async () => {
    admin = await login(PEOPLE.admin.email, PEOPLE.admin.password);
  });
  const headers = () => ({ authorization: `Bearer ${admin.token}` });
  const create = (baseUrl: string, instance = `evo-${crypto.randomUUID()}`) =>
    postJson(
      '/api/channels',
      { kind: 'evolution', name: 'Evo', baseUrl, instance, apiKey: 'evo-key-123' },
      headers(),
    );

  /** Runs a statement as the app role in the admin's tenant (row-level security applies). */
  async function inAdminTenant<T>(sql: string, values: unknown[]): Promise<T[]> {
    const client = await openClient();
    try {
      return await asTenant(
        client,
        admin.tenantId,
        async () => (await client.query(sql, values)).rows as T[],
      );
    } finally {
      await client.end();
    }
  }

  it('refuses a gateway base URL on an internal address, storing nothing and connecting nowhere', async () => {
    const before = await canaryConnections();
    for (const baseUrl of [
      CANARY,
      `http://127.0.0.1:${PG_PORT}`,
      `http://localhost:${CANARY_PORT}`,
      `http://2130706433:${CANARY_PORT}`,
      `http://0x7f.0.0.1:${CANARY_PORT}`,
      `http://[::ffff:127.0.0.1]:${CANARY_PORT}`,
      `http://[::1]:${CANARY_PORT}`,
      'http://10.1.2.3:8080',
      'http://192.168.15.1',
      'http://169.254.169.254',
      'http://[fe80::1]',
      'http://[fd00::1]',
      'http://postgres:5432',
      'http://evolution.internal',
      'https://user:pw@evo.provedor.com.br',
    ]) {
      const instance = `evo-${crypto.randomUUID()}`;
      const res = await create(baseUrl, instance);
      expect([baseUrl, res.status]).toEqual([baseUrl, 400]);
      const body = (await res.json()) as {
        error: { code: string; details: { path: string; message: string }[] };
      };
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.details[0]).toMatchObject({
        path: 'baseUrl',
        message: expect.stringMatching(
          /^Endereço do provedor não permitido \(provider address not allowed\)/,
        ),
      });
      const stored = await inAdminTenant('select id from channels where address = $1', [instance]);
      expect(stored).toEqual([]);
    }
    expect(await canaryConnections()).toBe(before);
    // The allowed loopback origin (the simulator's, in dev) and public hosts are accepted.
    expect((await create(PROVIDER)).status).toBe(201);
    expect((await create('https://evo.provedor.com.br/')).status).toBe(201);
  });

  it('tests a channel without echoing what an unreachable or internal address said', async () => {
    // Allowed, but nothing listens there: connection refused, reported as one fixed sentence.
    const closed = (await (await create(env.FIO_TEST_CLOSED_URL)).json()) as { channel: { id: string } };
    const res = await call(`/api/channels/${closed.channel.id}/test`, { method: 'POST', headers: headers() });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: false, tokenValid: true, detail: PROVIDER_UNREACHABLE });
    const [logged] = warnings('provider check got no answer');
    expect(logged).toMatchObject({ channelId: closed.channel.id, title: 'network error' });

    // A row saved before base URLs were checked, pointing at an internal port: refused before connecting.
    const saved = (await (await create(PROVIDER)).json()) as { channel: { id: string } };
    await inAdminTenant(
      `update channels set settings = jsonb_set(settings, '{baseUrl}', to_jsonb($2::text)) where id = $1`,
      [saved.channel.id, CANARY],
    );
    const before = await canaryConnections();
    const internal = await call(`/api/channels/${saved.channel.id}/test`, {
      method: 'POST',
      headers: headers(),
    });
    const body = (await internal.json()) as { ok: boolean; detail: string };
    expect(body.ok).toBe(false);
    expect(body.detail).toBe(
      `Endereço do provedor não permitido (provider address not allowed): loopback address (${CANARY})`,
    );
    expect(await canaryConnections()).toBe(before);
    expect(warnings('provider fetch refused')).toEqual([
      expect.objectContaining({ channelId: saved.channel.id, origin: CANARY }),
    ]);
  });
});

describe('inbound gateway media', () => {
  let admin = { token: '', tenantId: '' };
  beforeAll(async () => {
    admin = await login(PEOPLE.admin.email, PEOPLE.admin.password);
  });

  it('marks the attachment failed at once when the webhook’s media URL is not the gateway’s', async () => {
    const instance = `evo-${crypto.randomUUID()}`;
    const created = await postJson(
      '/api/channels',
      { kind: 'evolution', name: 'Evo', baseUrl: PROVIDER, instance, apiKey: 'evo-key-123' },
      { authorization: `Bearer ${admin.token}` },
    );
    const channelId = ((await created.json()) as { channel: { id: string } }).channel.id;
    const before = await canaryConnections();
    const phone = `55319${String(Date.now()).slice(-8)}`;
    const webhook = await postJson(
      `/webhooks/evolution/${channelId}`,
      {
        event: 'messages.upsert',
        instance,
        data: {
          key: { remoteJid: `${phone}@s.whatsapp.net`, fromMe: false, id: `3EB0${crypto.randomUUID()}` },
          pushName: 'Cliente',
          message: {
            imageMessage: { mimetype: 'image/jpeg', caption: 'foto do roteador' },
            mediaUrl: `http://127.0.0.1:${PG_PORT}/roteador.jpg?X-Amz-Signature=s3cr3t`,
          },
          messageType: 'imageMessage',
          messageTimestamp: Math.floor(Date.now() / 1000),
        },
      },
      { apikey: 'evo-key-123' },
    );
    expect(webhook.status).toBe(200);
    // The media queue's consumer runs on its own; the attachment is settled failed on its first attempt.
    let attachment: { state: string; error?: string | null } | null = null;
    for (let i = 0; i < 200 && attachment?.state !== 'failed'; i++) {
      attachment = await attachmentOf(admin, channelId, phone);
      if (attachment?.state !== 'failed') await new Promise((r) => setTimeout(r, 50));
    }
    expect(attachment).toMatchObject({
      state: 'failed',
      error: `Endereço de mídia recusado (media URL refused): not the provider's own address (http://127.0.0.1:${PG_PORT})`,
    });
    expect(await canaryConnections()).toBe(before);
    expect(warnings('provider fetch refused')).toEqual([
      expect.objectContaining({ channelId, origin: `http://127.0.0.1:${PG_PORT}` }),
    ]);
    // Not retried: no "will retry" warning for it.
    expect(warnings('media download step failed; will retry')).toEqual([]);
  });
});

/** The newest attachment state of the conversation of `phone` on a channel, as agents read it. */
async function attachmentOf(
  admin: { token: string; tenantId: string },
  channelId: string,
  phone: string,
): Promise<{ state: string; error?: string | null } | null> {
  const client = await openClient();
  let conversationId: string | undefined;
  try {
    conversationId = await asTenant(client, admin.tenantId, async () => {
      const res = await client.query<{ id: string }>(
        `select c.id from conversations c join contacts k on k.id = c.contact_id
         where c.channel_id = $1 and k.phone = $2`,
        [channelId, phone],
      );
      return res.rows[0]?.id;
    });
  } finally {
    await client.end();
  }
  if (!conversationId) return null;
  const res = await call(`/api/conversations/${conversationId}/events?limit=50`, {
    headers: { authorization: `Bearer ${admin.token}` },
  });
  const { events } = (await res.json()) as {
    events: { event: { type: string; attachment?: { state: string; error?: string | null } } }[];
  };
  const settled = events.filter((e) => e.event.type === 'message.attachment').pop();
  return settled?.event.attachment ?? null;
}
