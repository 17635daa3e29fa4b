// CSV import into a draft: ',' or ';', a BOM, quoted fields with line breaks, Brazilian phones in every usual
// spelling; each refused line reported with its number, code and value (invalid phone, duplicate in the file
// or already a recipient, empty variable, too long) and none dropped silently; accepted lines become queued
// recipients with their values and arm, linked to their contact (created when new, its name kept). A file with
// no usable line is a 400 that stores nothing.
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportProblem, ImportResponse } from '../../workers/contract';
import {
  addContacts,
  type CampaignTenant,
  campaignTenant,
  countRows,
  createDraft,
  storedRecipients,
} from './campaigns-helpers';
import { ownerClient } from './fresh-tenant';
import { call, errorCode } from './helpers';

let owner: Client;
let t: CampaignTenant;
let other: CampaignTenant;

beforeAll(async () => {
  owner = await ownerClient();
  t = await campaignTenant(owner, 'csv');
  other = await campaignTenant(owner, 'csv-other');
});
afterAll(() => owner.end());

async function upload(token: string, id: string, body: BodyInit, type = 'text/csv') {
  const res = await call(`/api/campaigns/${id}/recipients`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const fatura = {
  templates: [
    {
      name: 'fatura',
      language: 'pt_BR',
      variables: [
        { from: 'name' as const, fallback: 'cliente' },
        { from: 'csv' as const, column: 'Valor' },
        { from: 'csv' as const, column: 'vencimento' },
      ],
    },
  ],
};

const codes = (problems: ImportProblem[]) => problems.map((p) => [p.line, p.code]);

describe('importing a CSV', () => {
  it('accepts Brazilian Excel’s format and reports every refused line', async () => {
    const id = await createDraft(t, fatura);
    // An existing contact without a name gets the CSV's; one with a name keeps it.
    const [nameless, named] = await addContacts(owner, t.id, [
      { phone: '5511987650001' },
      { phone: '5511987650002', name: 'Nome Antigo' },
    ]);
    const csv = [
      '\uFEFFtelefone;Nome;valor;vencimento',
      '(11) 98765-0001;Ana Souza;R$ 99,90;10/07',
      '11987650002;Bruno;R$ 120,00;10/07',
      '+55 11 9 8765-0003;"Carla; a ""Cacá""";R$ 80,00;15/07',
      '5511987650004;;R$ 50,00;20/07',
      '11 8765-0003;Duplicada;R$ 1;1/1', // the same mobile without its 9th digit: a duplicate of line 4
      'abc;Letras;R$ 1;1/1',
      '1234;Curto;R$ 1;1/1',
      '5511987650005;Sem valor;;20/07',
      '',
      `5511987650006;${'x'.repeat(200)};R$ 1;1/1`,
      '"5511987650007";"Linha',
      'quebrada";R$ 7;7/7',
      '5511987650008;Última;R$ 8;8/8',
    ].join('\r\n');
    const res = await upload(t.token, id, csv);
    expect(res.status).toBe(200);
    expect(ImportResponse.safeParse(res.body).success).toBe(true);
    const report = res.body.report as { rows: number; accepted: number; problems: ImportProblem[] };
    expect(report.rows).toBe(11);
    expect(report.accepted).toBe(5);
    expect(codes(report.problems)).toEqual([
      [6, 'duplicate'],
      [7, 'invalid_phone'],
      [8, 'invalid_phone'],
      [9, 'missing_variable'],
      [11, 'too_long'],
      // A name with a line break cannot be a WhatsApp parameter.
      [12, 'missing_variable'],
    ]);
    expect(report.problems.find((p) => p.line === 7)?.value).toBe('abc');
    expect(res.body.campaign).toMatchObject({
      audience: { csv: true },
      counts: { total: 5, queued: 5 },
      importReport: report,
    });
    const rows = await storedRecipients(owner, t.id, id);
    expect(rows.map((r) => [r.phone, r.name, r.state, r.variables])).toEqual([
      ['5511987650001', 'Ana Souza', 'queued', ['Ana Souza', 'R$ 99,90', '10/07']],
      ['5511987650002', 'Bruno', 'queued', ['Bruno', 'R$ 120,00', '10/07']],
      ['5511987650003', 'Carla; a "Cacá"', 'queued', ['Carla; a "Cacá"', 'R$ 80,00', '15/07']],
      ['5511987650004', null, 'queued', ['cliente', 'R$ 50,00', '20/07']],
      ['5511987650008', 'Última', 'queued', ['Última', 'R$ 8', '8/8']],
    ]);
    expect(rows.every((r) => r.contact_id !== null && r.arm === 'a')).toBe(true);
    const contacts = await owner.query<{ id: string; name: string | null }>(
      'select id, name from contacts where tenant_id = $1 and phone = any($2) order by phone',
      [t.id, ['5511987650001', '5511987650002', '5511987650003']],
    );
    expect(contacts.rows).toEqual([
      { id: nameless, name: 'Ana Souza' },
      { id: named, name: 'Nome Antigo' },
      { id: expect.any(String), name: 'Carla; a "Cacá"' },
    ]);

    // A second file: phones already recipients are duplicates; new ones are added.
    const again = await upload(
      t.token,
      id,
      'phone,name,valor,vencimento\n5511987650001,Ana,1,1\n5511987650009,Nova,2,2\n',
    );
    expect(again.status).toBe(200);
    expect(codes(again.body.report.problems)).toEqual([[2, 'duplicate']]);
    expect(again.body.campaign.counts.total).toBe(6);
  });

  it('refuses a file with no usable line, a missing phone column, a column the template needs, and stores nothing', async () => {
    const id = await createDraft(t, fatura);
    const contactsBefore = await countRows(owner, t.id, 'contacts');
    const allBad = await upload(
      t.token,
      id,
      'telefone;valor;vencimento\nabc;1;1\n123;1;1\n5511987651111;;1\n',
    );
    expect(allBad.status).toBe(400);
    expect(errorCode(allBad.body)).toBe('validation_failed');
    expect(codes(allBad.body.error.details.report.problems)).toEqual([
      [2, 'invalid_phone'],
      [3, 'invalid_phone'],
      [4, 'missing_variable'],
    ]);
    const cases: [BodyInit, string?][] = [
      ['nome;valor\nAna;1\n'],
      ['telefone;vencimento\n5511987652222;1/1\n'],
      [''],
      ['telefone;valor;vencimento\n5511987652222;1;1\n', 'application/json'],
      [new Uint8Array([0x74, 0x65, 0x6c, 0x0a, 0xe9, 0xff])],
    ];
    for (const [body, type] of cases) {
      const res = await upload(t.token, id, body, type);
      expect(res.status, String(body)).toBe(400);
    }
    const big = await upload(t.token, id, `telefone\n${'5511987650001\n'.repeat(400_000)}`);
    expect(big.status).toBe(413);
    expect(await storedRecipients(owner, t.id, id)).toEqual([]);
    expect(await countRows(owner, t.id, 'contacts')).toBe(contactsBefore);
    const stored = await owner.query('select import_report, audience from campaigns where id = $1', [id]);
    expect(stored.rows[0]).toMatchObject({ import_report: null, audience: { csv: false } });
  });

  it('only into this tenant’s drafts', async () => {
    const theirs = await createDraft(other);
    expect((await upload(t.token, theirs, 'telefone\n5511987653333\n')).status).toBe(404);
    expect(await storedRecipients(owner, other.id, theirs)).toEqual([]);
    const started = await createDraft(t);
    await owner.query(`update campaigns set status = 'running' where id = $1`, [started]);
    expect((await upload(t.token, started, 'telefone\n5511987653333\n')).status).toBe(409);
    expect((await upload(t.tokens.agent as string, started, 'telefone\n5511987653333\n')).status).toBe(403);
  });

  it('splits two templates deterministically by the percentage', async () => {
    const id = await createDraft(t, {
      templates: [
        { name: 'aviso_geral', language: 'pt_BR', variables: [] },
        {
          name: 'promo_fibra',
          language: 'pt_BR',
          variables: [
            { from: 'name', fallback: 'cliente' },
            { from: 'text', value: 'Campinas' },
          ],
        },
      ],
      splitPercent: 70,
    });
    const lines = Array.from({ length: 400 }, (_, i) => `55119${String(70000000 + i)}`);
    const res = await upload(t.token, id, `telefone\n${lines.join('\n')}\n`);
    expect(res.status).toBe(200);
    const arms = res.body.campaign.arms as { a: { total: number }; b: { total: number } };
    expect(arms.a.total + arms.b.total).toBe(400);
    expect(arms.a.total).toBeGreaterThan(240);
    expect(arms.a.total).toBeLessThan(320);
    const rows = await storedRecipients(owner, t.id, id);
    expect(rows.filter((r) => r.arm === 'b').every((r) => r.variables[1] === 'Campinas')).toBe(true);
    expect(rows.filter((r) => r.arm === 'a').every((r) => r.variables.length === 0)).toBe(true);
  });
});
