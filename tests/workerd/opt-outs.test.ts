// The suppression list over REST: supervisors add a phone as people type it (stored canonical, source agent,
// linked to its contact), list it newest first with the contact's name, search by digits, filter by category,
// page through it, and remove one (any form of the number). Bad phones are refused and store nothing; another
// tenant's list is invisible; agents may not touch it.
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OptOutPage } from '../../workers/contract';
import { addContacts, type CampaignTenant, campaignTenant, countRows } from './campaigns-helpers';
import { ownerClient } from './fresh-tenant';
import { api, errorCode } from './helpers';

let owner: Client;
let t: CampaignTenant;
let other: CampaignTenant;

beforeAll(async () => {
  owner = await ownerClient();
  t = await campaignTenant(owner, 'optout');
  other = await campaignTenant(owner, 'optout-other');
});
afterAll(() => owner.end());

const list = (q = '') => api<OptOutPage>('GET', `/api/opt-outs${q}`, t.token);

describe('the opt-out list', () => {
  it('adds typed phones canonically, once, linked to their contact', async () => {
    const [rita] = await addContacts(owner, t.id, [{ name: 'Rita', phone: '5511987670001' }]);
    const first = await api('POST', '/api/opt-outs', t.token, { phone: '(11) 98767-0001' });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ phone: '5511987670001', category: 'marketing', created: true });
    const again = await api('POST', '/api/opt-outs', t.token, { phone: '+55 11 9 8767-0001' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false });
    expect(
      (await api('POST', '/api/opt-outs', t.token, { phone: '11987670002', category: 'utility' })).status,
    ).toBe(201);
    const page = await list();
    expect(page.status).toBe(200);
    expect(OptOutPage.safeParse(page.body).success).toBe(true);
    expect(page.body.optOuts.map((o) => [o.phone, o.category, o.source, o.contactName])).toEqual([
      ['5511987670002', 'utility', 'agent', null],
      ['5511987670001', 'marketing', 'agent', 'Rita'],
    ]);
    expect(page.body.optOuts[1]?.contactId).toBe(rita);
    const audit = await owner.query<{ action: string }>(
      `select action from audit_log where tenant_id = $1 and action like 'opt_out.%'`,
      [t.id],
    );
    expect(audit.rows.length).toBe(2);
  });

  it('searches by digits, filters by category and pages without repeats', async () => {
    for (let i = 10; i < 15; i++) {
      await api('POST', '/api/opt-outs', t.token, { phone: `55219876700${i}` });
    }
    expect((await list('?q=98767-0001')).body.optOuts.map((o) => o.phone)).toEqual(['5511987670001']);
    expect((await list('?category=utility')).body.optOuts.map((o) => o.phone)).toEqual(['5511987670002']);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: OptOutPage } = await list(
        `?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...page.body.optOuts.map((o) => `${o.phone}:${o.category}`));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(7);
    expect(new Set(seen).size).toBe(7);
    for (const q of ['?q=abc', '?category=sms', '?limit=0', '?cursor=xyz', '?other=1']) {
      expect((await list(q)).status, q).toBe(400);
    }
  });

  it('removes by phone and category, in any form of the number', async () => {
    await owner.query(
      `insert into contact_opt_outs (tenant_id, phone, category, source) values ($1, '551187670003', 'marketing', 'keyword')`,
      [t.id],
    );
    expect((await api('DELETE', '/api/opt-outs/5511987670003?category=utility', t.token)).status).toBe(404);
    expect((await api('DELETE', '/api/opt-outs/5511987670003', t.token)).status).toBe(204);
    expect((await api('DELETE', '/api/opt-outs/5511987670003', t.token)).status).toBe(404);
    expect((await api('DELETE', '/api/opt-outs/abc', t.token)).status).toBe(404);
    expect((await list('?q=87670003')).body.optOuts).toEqual([]);
  });

  it('refuses bad phones and stores nothing; other tenants and agents see nothing', async () => {
    const before = await countRows(owner, t.id, 'contact_opt_outs');
    for (const body of [
      { phone: 'abc12345' },
      { phone: '123' },
      { phone: '5511987670001', category: 'sms' },
      {},
    ]) {
      const res = await api('POST', '/api/opt-outs', t.token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorCode(res.body)).toBe('validation_failed');
    }
    expect(await countRows(owner, t.id, 'contact_opt_outs')).toBe(before);
    const theirs = await api<OptOutPage>('GET', '/api/opt-outs', other.token);
    expect(theirs.body.optOuts).toEqual([]);
    expect((await api('DELETE', '/api/opt-outs/5511987670001', other.token)).status).toBe(404);
    expect(await countRows(owner, t.id, 'contact_opt_outs')).toBe(before);
    expect((await api('GET', '/api/opt-outs', t.tokens.agent as string)).status).toBe(403);
    expect(
      (await api('POST', '/api/opt-outs', t.tokens.agent as string, { phone: '11987670009' })).status,
    ).toBe(403);
  });
});
