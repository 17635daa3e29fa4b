// The knowledge base: admins and supervisors create, read, replace and delete articles (audited); bad input
// (an oversize article, a blank title, an unknown field) is refused pointing at the field and stores nothing;
// the bot's retrieval finds the right article for a Portuguese question in other inflections, returns its
// best paragraph bounded in size, falls back to any word, skips drafts, and never crosses tenants.

import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KNOWLEDGE_BODY_MAX,
  type KnowledgeArticleView,
  type KnowledgeListResponse,
  type KnowledgeSearchResponse,
} from '../../workers/contract';
import { openDatabases } from '../../workers/services/db';
import { searchKnowledge } from '../../workers/services/knowledge';
import { PASSAGE_MAX, passagesOf } from '../../workers/services/knowledge-search';
import { type FreshTenant, freshTenant, ownerClient } from './fresh-tenant';
import { api, errorCode } from './helpers';

let owner: Client;
let A: FreshTenant;
let B: FreshTenant;

beforeAll(async () => {
  owner = await ownerClient();
  A = await freshTenant(owner, 'kb-a', ['admin', 'supervisor', 'agent']);
  B = await freshTenant(owner, 'kb-b', ['admin']);
}, 60_000);

afterAll(async () => {
  await owner?.end();
});

const tok = (t: FreshTenant, role: 'admin' | 'supervisor' | 'agent') => t.tokens[role] as string;

async function create(t: FreshTenant, body: Record<string, unknown>): Promise<KnowledgeArticleView> {
  const res = await api<KnowledgeArticleView>('POST', '/api/admin/knowledge', tok(t, 'admin'), body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function count(tenantId: string): Promise<number> {
  const r = await owner.query<{ n: string }>(
    'select count(*) as n from knowledge_articles where tenant_id = $1',
    [tenantId],
  );
  return Number(r.rows[0]?.n);
}

async function search(t: FreshTenant, query: string, limit = 3) {
  const res = await api<KnowledgeSearchResponse>('POST', '/api/admin/knowledge/search', tok(t, 'admin'), {
    query,
    limit,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.passages;
}

const BOLETO_BODY = [
  'Este artigo explica como o cliente resolve a cobrança do mês.',
  'Boletos vencidos podem ser pagos em qualquer banco até 60 dias depois do vencimento, com multa de 2% e ' +
    'juros de 1% ao mês. Peça a segunda via atualizada pelo WhatsApp ou pela central do assinante.',
  'Depois do pagamento, a compensação leva até 3 dias úteis; o desbloqueio por confiança libera a conexão ' +
    'antes disso.',
].join('\n\n');

describe('knowledge base articles', () => {
  it('lets a supervisor create, read, list, replace and delete an article, each change audited', async () => {
    const created = await api<KnowledgeArticleView>('POST', '/api/admin/knowledge', tok(A, 'supervisor'), {
      title: '  Horário de atendimento  ',
      body: 'Atendemos de segunda a sábado, das 8h às 20h.',
      tags: ['Atendimento', 'horario', 'atendimento'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      title: 'Horário de atendimento',
      tags: ['atendimento', 'horario'],
      published: true,
    });
    const id = created.body.id;

    const read = await api<KnowledgeArticleView>('GET', `/api/admin/knowledge/${id}`, tok(A, 'supervisor'));
    expect(read.body.body).toBe('Atendemos de segunda a sábado, das 8h às 20h.');
    const list = await api<KnowledgeListResponse>('GET', '/api/admin/knowledge', tok(A, 'admin'));
    const row = list.body.articles.find((a) => a.id === id);
    expect(row).toMatchObject({ excerpt: 'Atendemos de segunda a sábado, das 8h às 20h.', bodyLength: 45 });
    expect(row).not.toHaveProperty('body');

    const replaced = await api<KnowledgeArticleView>(
      'PUT',
      `/api/admin/knowledge/${id}`,
      tok(A, 'supervisor'),
      {
        title: 'Horários',
        body: 'Atendemos todos os dias, das 7h às 22h.',
        published: false,
      },
    );
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id, title: 'Horários', tags: [], published: false });
    expect(replaced.body.createdAt).toBe(created.body.createdAt);

    expect((await api('DELETE', `/api/admin/knowledge/${id}`, tok(A, 'supervisor'))).status).toBe(204);
    expect((await api('GET', `/api/admin/knowledge/${id}`, tok(A, 'admin'))).status).toBe(404);
    expect((await api('DELETE', `/api/admin/knowledge/${id}`, tok(A, 'admin'))).status).toBe(404);

    const audit = await owner.query<{ action: string; details: Record<string, unknown> }>(
      `select action, details from audit_log where tenant_id = $1 and target_id = $2 order by id`,
      [A.id, id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'knowledge.created',
      'knowledge.updated',
      'knowledge.deleted',
    ]);
    expect(audit.rows[1]?.details).toMatchObject({ title: 'Horários', published: false });
  });

  it('keeps articles from agents (403)', async () => {
    const res = await api('GET', '/api/admin/knowledge', tok(A, 'agent'));
    expect(res.status).toBe(403);
    expect(errorCode(res.body)).toBe('forbidden');
  });

  it('refuses an oversize article, a blank or long title and unknown fields, pointing at the field, storing nothing', async () => {
    const before = await count(A.id);
    const cases: { body: Record<string, unknown>; path: string }[] = [
      { body: { title: 'Grande', body: 'a'.repeat(KNOWLEDGE_BODY_MAX + 1) }, path: 'body' },
      { body: { title: 'x'.repeat(201), body: 'corpo' }, path: 'title' },
      { body: { title: ' \u200b ', body: 'corpo' }, path: 'title' },
      { body: { title: 'Vazio', body: '' }, path: 'body' },
      {
        body: { title: 'Tags', body: 'corpo', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
        path: 'tags',
      },
      { body: { title: 'Campo', body: 'corpo', author: 'eu' }, path: '' },
    ];
    for (const c of cases) {
      const res = await api<{ error: { details: { path: string; message: string }[] } }>(
        'POST',
        '/api/admin/knowledge',
        tok(A, 'admin'),
        c.body,
      );
      expect(res.status, JSON.stringify(c.body).slice(0, 80)).toBe(400);
      expect(errorCode(res.body)).toBe('validation_failed');
      expect(res.body.error.details.map((d) => d.path)).toContain(c.path);
    }
    const oversize = await api<{ error: { details: { path: string; message: string }[] } }>(
      'POST',
      '/api/admin/knowledge',
      tok(A, 'admin'),
      { title: 'Grande', body: 'a'.repeat(KNOWLEDGE_BODY_MAX + 1) },
    );
    expect(oversize.body.error.details).toEqual([{ path: 'body', message: 'at most 20000 characters' }]);
    // Exactly at the limit is fine.
    const max = await create(A, {
      title: 'No limite',
      body: 'b'.repeat(KNOWLEDGE_BODY_MAX),
      published: false,
    });
    expect(await count(A.id)).toBe(before + 1);

    // A replacement that is too big changes nothing either.
    const res = await api('PUT', `/api/admin/knowledge/${max.id}`, tok(A, 'admin'), {
      title: 'No limite',
      body: 'c'.repeat(KNOWLEDGE_BODY_MAX + 1),
    });
    expect(res.status).toBe(400);
    const after = await api<KnowledgeArticleView>('GET', `/api/admin/knowledge/${max.id}`, tok(A, 'admin'));
    expect(after.body.body).toBe('b'.repeat(KNOWLEDGE_BODY_MAX));
    await api('DELETE', `/api/admin/knowledge/${max.id}`, tok(A, 'admin'));
  });
});

describe('knowledge search (what the bot retrieves)', () => {
  let boleto: KnowledgeArticleView;
  let unlock: KnowledgeArticleView;
  let draft: KnowledgeArticleView;

  beforeAll(async () => {
    boleto = await create(A, {
      title: 'Pagamento de boletos em atraso',
      body: BOLETO_BODY,
      tags: ['financeiro'],
    });
    unlock = await create(A, {
      title: 'Desbloqueio de confiança',
      body: 'O desbloqueio de confiança libera a internet por 3 dias enquanto o pagamento compensa. Só pode ser usado uma vez por mês.',
    });
    await create(A, {
      title: 'Internet lenta',
      body: 'Reinicie o roteador, aguarde dois minutos e teste a velocidade pelo cabo.',
    });
    draft = await create(A, {
      title: 'Rascunho sobre boletos vencidos',
      body: 'Boleto vencido: texto ainda não revisado.',
      published: false,
    });
    // Tenant B writes about the very same subject: never found from A.
    await create(B, { title: 'Boletos vencidos (B)', body: 'Segredo de B sobre boleto vencido e multa.' });
  });

  it('finds the article about "boletos vencidos" for "boleto vencido", and its best paragraph', async () => {
    const passages = await search(A, 'boleto vencido');
    expect(passages[0]?.articleId).toBe(boleto.id);
    expect(passages[0]?.title).toBe('Pagamento de boletos em atraso');
    // The paragraph that talks about it, not the article's opening line.
    expect(passages[0]?.text).toContain('Boletos vencidos podem ser pagos');
    expect(passages[0]?.text).not.toContain('Este artigo explica');
    expect(passages.map((p) => p.articleId)).not.toContain(draft.id);
  });

  it('ranks by the question: a title match beats a passing mention, in other inflections', async () => {
    // "desbloqueios" and "confiança" are also in the boleto article's last paragraph; the unlock article has
    // them in its title. Not every word is anywhere ("vocês fazem"), so this is the any-word fallback too.
    const passages = await search(A, 'Vocês fazem desbloqueios de confiança?');
    expect(passages[0]?.articleId).toBe(unlock.id);
    expect(passages.map((p) => p.articleId)).toContain(boleto.id);
  });

  it('falls back to any word when no article holds them all', async () => {
    const passages = await search(A, 'boletos zzyzx-inexistente');
    expect(passages.map((p) => p.articleId)).toContain(boleto.id);
    expect(await search(A, 'palavrainexistente outrainexistente')).toEqual([]);
    expect(await search(A, '"boleto" -vencido or or')).toBeInstanceOf(Array);
  });

  it("never finds another tenant's articles (B's own search finds only B's)", async () => {
    const fromA = await search(A, 'segredo multa boleto vencido', 10);
    expect(fromA.some((p) => p.title.includes('(B)') || p.text.includes('Segredo de B'))).toBe(false);
    const fromB = await search(B, 'boleto vencido', 10);
    expect(fromB.map((p) => p.title)).toEqual(['Boletos vencidos (B)']);
    // B cannot read, change or delete A's article by id.
    for (const [method, body] of [
      ['GET', undefined],
      ['PUT', { title: 'Intruso', body: 'intruso' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await api(method, `/api/admin/knowledge/${boleto.id}`, tok(B, 'admin'), body);
      expect(res.status, method).toBe(404);
    }
    const listed = await api<KnowledgeListResponse>('GET', '/api/admin/knowledge?q=boleto', tok(B, 'admin'));
    expect(listed.body.articles.map((a) => a.title)).toEqual(['Boletos vencidos (B)']);
  });

  it('is the same through the service the bot runtime calls', async () => {
    const dbs = openDatabases(env);
    try {
      const passages = await searchKnowledge(dbs.primary, A.id, 'boleto vencido', 2);
      expect(passages.length).toBeLessThanOrEqual(2);
      expect(passages[0]?.articleId).toBe(boleto.id);
    } finally {
      await dbs.close();
    }
  });

  it('lists the admin a search of titles, bodies and tags, drafts included', async () => {
    const res = await api<KnowledgeListResponse>('GET', '/api/admin/knowledge?q=boletos', tok(A, 'admin'));
    const ids = res.body.articles.map((a) => a.id);
    expect(ids).toContain(boleto.id);
    expect(ids).toContain(draft.id);
    expect(ids).not.toContain(unlock.id);
    const byTag = await api<KnowledgeListResponse>('GET', '/api/admin/knowledge?q=financ', tok(A, 'admin'));
    expect(byTag.body.articles.map((a) => a.id)).toEqual([boleto.id]);
  });
});

describe('passages', () => {
  it('splits long paragraphs into whole sentences, each at most PASSAGE_MAX characters', () => {
    const sentence = 'Reinicie o roteador e aguarde a luz verde acender antes de testar de novo. ';
    const body = `Primeiro parágrafo.\n\n${sentence.repeat(60)}`;
    const parts = passagesOf(body);
    expect(parts[0]).toBe('Primeiro parágrafo.');
    expect(parts.length).toBeGreaterThan(3);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(PASSAGE_MAX);
    expect(parts.slice(1).every((p) => p.endsWith('.'))).toBe(true);
    const huge = passagesOf('x'.repeat(5000));
    for (const p of huge) expect(p.length).toBeLessThanOrEqual(PASSAGE_MAX);
  });
});
