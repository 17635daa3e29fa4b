// The tenant's LLM settings: admins save the endpoint, model, deadline and a pool of keys; the keys are
// sealed in the row (bound to the tenant), never in an answer or the audit log (a count and their last four
// characters only); left out they are kept, [] clears them (refused while enabled); bad input changes nothing;
// the bot runtime reads them decrypted through loadAiSettings.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AiSettingsResponse, AiSettingsView } from '../../workers/contract';
import { loadAiSettings } from '../../workers/services/ai-settings';
import { openDatabases } from '../../workers/services/db';
import { openJson, SecretBoxError } from '../../workers/services/secret-box';
import { type FreshTenant, freshTenant, ownerClient } from './fresh-tenant';
import { api, errorCode } from './helpers';

const KEY_1 = `sk-primeira-${crypto.randomUUID()}-A1b2`;
const KEY_2 = `sk-segunda-${crypto.randomUUID()}-C3d4`;
const KEY_3 = `sk-terceira-${crypto.randomUUID()}-E5f6`;
const KEYS = [KEY_1, KEY_2, KEY_3];

let owner: Client;
let T: FreshTenant;
let other: FreshTenant;

beforeAll(async () => {
  owner = await ownerClient();
  T = await freshTenant(owner, 'ai', ['admin', 'supervisor']);
  other = await freshTenant(owner, 'ai-other', ['admin']);
}, 60_000);

afterAll(async () => {
  await owner?.end();
});

const admin = () => T.tokens.admin as string;

function expectNoKey(value: unknown) {
  const text = JSON.stringify(value);
  // Not even a long piece of one: only the last four characters may show.
  for (const k of KEYS) expect(text).not.toContain(k.slice(0, -4));
}

async function put(body: unknown, token = admin()) {
  const res = await api<AiSettingsResponse>('PUT', '/api/admin/ai', token, body);
  expectNoKey(res.body);
  return res;
}

async function storedRow() {
  const r = await owner.query<{
    enabled: boolean;
    base_url: string;
    model: string;
    keys: string;
    deadline_ms: number;
  }>('select enabled, base_url, model, keys, deadline_ms from ai_settings where tenant_id = $1', [T.id]);
  return r.rows[0] ?? null;
}

const base = {
  enabled: true,
  baseUrl: `${env.FIO_TEST_LLM_URL}/v1/`,
  model: 'fio-sim-1',
  deadlineMs: 8000,
};

describe('AI settings', () => {
  it('starts empty, then saves the endpoint and a sealed key pool shown only by count and endings', async () => {
    expect((await api('GET', '/api/admin/ai', admin())).body).toEqual({ settings: null });
    const saved = await put({ ...base, keys: [KEY_1, KEY_2, KEY_1] });
    expect(saved.status).toBe(200);
    const view = saved.body.settings as AiSettingsView;
    expect(view).toMatchObject({
      enabled: true,
      baseUrl: `${env.FIO_TEST_LLM_URL}/v1`,
      model: 'fio-sim-1',
      deadlineMs: 8000,
      // The same key twice is one key.
      keys: { count: 2, endings: ['A1b2', 'C3d4'] },
    });
    const row = await storedRow();
    expect(row?.keys).toMatch(/^v1\./);
    expectNoKey(row?.keys);
    expect(await openJson(env.CHANNEL_SECRETS_KEY, row?.keys ?? '', `ai:${T.id}`)).toEqual([KEY_1, KEY_2]);
    await expect(openJson(env.CHANNEL_SECRETS_KEY, row?.keys ?? '', `erp:${T.id}`)).rejects.toThrow(
      SecretBoxError,
    );
    const shown = await api<AiSettingsResponse>('GET', '/api/admin/ai', admin());
    expect(shown.body.settings?.keys).toEqual({ count: 2, endings: ['A1b2', 'C3d4'] });
    expectNoKey(shown.body);
    expect((await api('GET', '/api/admin/ai', other.tokens.admin as string)).body).toEqual({
      settings: null,
    });
  });

  it('gives the bot runtime the decrypted settings', async () => {
    const dbs = openDatabases(env);
    try {
      expect(await loadAiSettings(dbs.primary, env, T.id)).toEqual({
        enabled: true,
        baseUrl: `${env.FIO_TEST_LLM_URL}/v1`,
        model: 'fio-sim-1',
        keys: [KEY_1, KEY_2],
        deadlineMs: 8000,
      });
      expect(await loadAiSettings(dbs.primary, env, other.id)).toBeNull();
    } finally {
      await dbs.close();
    }
  });

  it('keeps the keys when left out, replaces them when given', async () => {
    const kept = await put({ ...base, model: 'fio-sim-2', deadlineMs: 3000 });
    expect(kept.body.settings).toMatchObject({ model: 'fio-sim-2', deadlineMs: 3000, keys: { count: 2 } });
    const replaced = await put({ ...base, keys: [KEY_3] });
    expect(replaced.body.settings?.keys).toEqual({ count: 1, endings: ['E5f6'] });
    const row = await storedRow();
    expect(await openJson(env.CHANNEL_SECRETS_KEY, row?.keys ?? '', `ai:${T.id}`)).toEqual([KEY_3]);
  });

  it('refuses bad input, pointing at the field, changing nothing', async () => {
    const before = await storedRow();
    const cases: { body: unknown; path: string }[] = [
      // Enabled with no key left.
      { body: { ...base, keys: [] }, path: 'keys' },
      { body: { ...base, keys: ['a', 'b', 'c', 'd', 'e', 'f'].map((k) => `${k}-chave-123`) }, path: 'keys' },
      { body: { ...base, keys: ['curta'] }, path: 'keys.0' },
      { body: { ...base, keys: ['com espaço no meio'] }, path: 'keys.0' },
      { body: { ...base, deadlineMs: 999 }, path: 'deadlineMs' },
      { body: { ...base, deadlineMs: 30_001 }, path: 'deadlineMs' },
      { body: { ...base, model: 'gpt 4o; drop' }, path: 'model' },
      { body: { ...base, model: '' }, path: 'model' },
      { body: { ...base, baseUrl: 'http://169.254.169.254/latest' }, path: 'baseUrl' },
      { body: { ...base, baseUrl: 'not a url' }, path: 'baseUrl' },
      { body: { ...base, temperature: 2 }, path: '' },
    ];
    for (const c of cases) {
      const res = await put(c.body);
      const where = JSON.stringify(c.body);
      expect(res.status, where).toBe(400);
      expect(errorCode(res.body), where).toBe('validation_failed');
      const paths = (res.body as unknown as { error: { details: { path: string }[] } }).error.details.map(
        (d) => d.path,
      );
      expect(paths, where).toContain(c.path);
    }
    expect(await storedRow()).toEqual(before);
    expect((await put({ ...base, keys: [KEY_1] }, T.tokens.supervisor as string)).status).toBe(403);
  });

  it('clears the keys of a disabled AI, and audits each change without a key', async () => {
    const cleared = await put({ ...base, enabled: false, keys: [] });
    expect(cleared.status).toBe(200);
    expect(cleared.body.settings).toMatchObject({ enabled: false, keys: { count: 0, endings: [] } });
    const audit = await owner.query<{ action: string; details: Record<string, unknown> }>(
      `select action, details from audit_log where tenant_id = $1 and action = 'ai.settings_changed' order by id`,
      [T.id],
    );
    expect(audit.rows).toHaveLength(4);
    expect(audit.rows[1]?.details).toMatchObject({ changed: ['model', 'deadlineMs'], keyCount: 2 });
    expect(audit.rows[3]?.details).toMatchObject({ changed: ['enabled', 'keys'], keyCount: 0 });
    expectNoKey(audit.rows);
  });
});
