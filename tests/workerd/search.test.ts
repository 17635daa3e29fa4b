// Search: contacts by name (case and accents ignored), phone and CPF/CNPJ digits; messages by Portuguese
// full-text search (a word form finds its relatives), newest match per conversation; contact hits first;
// never notes, never another tenant's rows. Rows are written straight to Postgres, read back from the replica.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchResponse, type SearchResult } from '../../workers/contract';
import { ACME, GLOBEX } from '../support/fixtures';
import { insertEvents, insertThread, openClient, replicaCaughtUp } from './db-helpers';
import { api, errorCode, login, widgetSession } from './helpers';

const acmeAgent = ACME.users[1] as (typeof ACME.users)[number];
const globexAgent = GLOBEX.users[0] as (typeof GLOBEX.users)[number];

let primary: Client;
let replica: Client;
let acme: { token: string; tenantId: string };
let globex: { token: string; tenantId: string };

beforeAll(async () => {
  primary = await openClient();
  replica = await openClient((env.DATABASE_REPLICA_URLS ?? '').split(',')[0]);
  acme = await login(acmeAgent.email, acmeAgent.password);
  globex = await login(globexAgent.email, globexAgent.password);
});
afterAll(async () => {
  await primary.end();
  await replica.end();
});

/** A word no other test writes, so results can be compared exactly. */
const token = () =>
  `kw${Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => 'bcdfghjklmnpqrstvz'[b % 18]).join('')}`;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

async function search(who: { token: string }, q: string, limit?: number): Promise<SearchResult[]> {
  await replicaCaughtUp(primary, replica);
  const qs = new URLSearchParams({ q, ...(limit ? { limit: String(limit) } : {}) });
  const res = await api<{ results: SearchResult[] }>('GET', `/api/search?${qs}`, who.token);
  expect(res.status).toBe(200);
  return SearchResponse.parse(res.body).results;
}

describe('search', () => {
  it('finds a message by another form of its words (Portuguese stemming), with a snippet', async () => {
    const thread = await insertThread(primary, acme.tenantId, { name: 'Cliente Boletos' });
    await insertEvents(primary, acme.tenantId, thread.conversationId, [
      { seq: 1, kind: 'message', text: 'Bom dia', at: minutesAgo(5) },
      {
        seq: 2,
        kind: 'message',
        text: 'Meus boletos atrasados não chegaram pelo correio',
        at: minutesAgo(4),
      },
    ]);
    const results = await search(acme, 'boleto atrasado');
    const hit = results.find((r) => r.conversationId === thread.conversationId);
    expect(hit).toMatchObject({
      matchedIn: 'message',
      seq: 2,
      status: 'queued',
      contact: { id: thread.contactId, name: 'Cliente Boletos', phone: null },
    });
    expect(hit?.snippet).toContain('boletos atrasados');
  });

  it('returns the newest matching message of each conversation, newest conversation first', async () => {
    const word = token();
    const older = await insertThread(primary, acme.tenantId, { name: 'Mais antiga' });
    const newer = await insertThread(primary, acme.tenantId, { name: 'Mais nova' });
    const secondAt = minutesAgo(20);
    await insertEvents(primary, acme.tenantId, older.conversationId, [
      { seq: 1, kind: 'message', text: `primeira ${word}`, at: minutesAgo(30) },
      { seq: 2, kind: 'message', text: `segunda ${word}`, at: secondAt },
      { seq: 3, kind: 'message', text: 'sem a palavra', at: minutesAgo(19) },
    ]);
    await insertEvents(primary, acme.tenantId, newer.conversationId, [
      { seq: 1, kind: 'message', text: `outra ${word}`, at: minutesAgo(10) },
    ]);
    const results = await search(acme, word);
    expect(results.map((r) => [r.conversationId, r.seq])).toEqual([
      [newer.conversationId, 1],
      [older.conversationId, 2],
    ]);
    expect(results[1]).toMatchObject({ at: secondAt, snippet: expect.stringContaining('segunda') });
    expect(await search(acme, word, 1)).toHaveLength(1);
  });

  it('finds contacts by name without regard to case or accents, before message hits, once per conversation', async () => {
    const word = token();
    const byName = await insertThread(primary, acme.tenantId, { name: `João ${word} Conceição` });
    const byMessage = await insertThread(primary, acme.tenantId, { name: 'Outra pessoa' });
    await insertEvents(primary, acme.tenantId, byMessage.conversationId, [
      { seq: 1, kind: 'message', text: `falei com ${word}` },
    ]);
    // The contact's own conversation also mentions the word: it still appears once, as a contact hit.
    await insertEvents(primary, acme.tenantId, byName.conversationId, [
      { seq: 1, kind: 'message', text: `sou ${word}` },
    ]);
    const results = await search(acme, `${word.toUpperCase()} CONCEICAO`.slice(0, 200));
    expect(results.map((r) => r.conversationId)).toEqual([byName.conversationId]);
    const both = await search(acme, word);
    expect(both.map((r) => [r.conversationId, r.matchedIn])).toEqual([
      [byName.conversationId, 'contact'],
      [byMessage.conversationId, 'message'],
    ]);
    expect(both[0]).toMatchObject({ snippet: null, seq: null });
    expect((await search(acme, 'joão')).some((r) => r.conversationId === byName.conversationId)).toBe(true);
    expect((await search(acme, 'conceicao')).some((r) => r.conversationId === byName.conversationId)).toBe(
      true,
    );
  });

  it('finds contacts by phone and CPF/CNPJ digits, however they are punctuated', async () => {
    const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
    const phone = await insertThread(primary, acme.tenantId, {
      name: 'Pelo telefone',
      phone: `55119${digits}`,
    });
    const cpf = `123${digits}`;
    const doc = await insertThread(primary, acme.tenantId, { name: 'Pelo CPF', cpfCnpj: cpf });
    const byPhone = await search(acme, `(11) 9${digits.slice(0, 4)}-${digits.slice(4)}`);
    expect(byPhone.map((r) => r.conversationId)).toContain(phone.conversationId);
    expect(byPhone.find((r) => r.conversationId === phone.conversationId)).toMatchObject({
      matchedIn: 'contact',
      contact: { phone: `55119${digits}` },
    });
    const byCpf = await search(
      acme,
      `${cpf.slice(0, 3)}.${cpf.slice(3, 6)}.${cpf.slice(6, 9)}-${cpf.slice(9)}`,
    );
    expect(byCpf.map((r) => r.conversationId)).toEqual([doc.conversationId]);
  });

  it('never returns private notes', async () => {
    const word = token();
    const thread = await insertThread(primary, acme.tenantId, { name: 'Com nota' });
    await insertEvents(primary, acme.tenantId, thread.conversationId, [
      { seq: 1, kind: 'note', text: `cliente difícil ${word}` },
    ]);
    expect(await search(acme, word)).toEqual([]);
    await insertEvents(primary, acme.tenantId, thread.conversationId, [
      { seq: 2, kind: 'message', text: `mensagem ${word}` },
      { seq: 3, kind: 'note', text: `outra nota ${word}` },
    ]);
    const results = await search(acme, word);
    expect(results.map((r) => [r.conversationId, r.seq])).toEqual([[thread.conversationId, 2]]);
    expect(results[0]?.snippet).not.toContain('nota');
  });

  it("never returns another tenant's contacts or messages", async () => {
    const word = token();
    const mine = await insertThread(primary, acme.tenantId, { name: `Acme ${word}` });
    const theirs = await insertThread(primary, globex.tenantId, {
      name: `Globex ${word}`,
      phone: '5521988887777',
    });
    await insertEvents(primary, globex.tenantId, theirs.conversationId, [
      { seq: 1, kind: 'message', text: `segredo ${word}` },
    ]);
    const acmeResults = await search(acme, word);
    expect(acmeResults.map((r) => r.conversationId)).toEqual([mine.conversationId]);
    const globexResults = await search(globex, word);
    expect(globexResults.map((r) => r.conversationId)).toEqual([theirs.conversationId]);
    expect((await search(acme, '21988887777')).map((r) => r.conversationId)).not.toContain(
      theirs.conversationId,
    );
  });

  it('validates the query, and is for agents only', async () => {
    for (const qs of [
      '',
      'q=a',
      'q=%20%20x%20',
      `q=${'a'.repeat(201)}`,
      'q=boleto&limit=0',
      'q=boleto&limit=51',
    ]) {
      const res = await api('GET', `/api/search?${qs}`, acme.token);
      expect(res.status, qs).toBe(400);
      expect(errorCode(res.body)).toBe('validation_failed');
    }
    // LIKE wildcards in a query are literal characters, not "match anything".
    expect(await search(acme, '%%')).toEqual([]);
    const visitor = await widgetSession('acme');
    expect((await api('GET', '/api/search?q=boleto', visitor.token)).status).toBe(403);
    expect((await api('GET', '/api/search?q=boleto', '')).status).toBe(401);
  });
});
