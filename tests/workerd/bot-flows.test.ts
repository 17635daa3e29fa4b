// The bot's flow in the admin: drafts saved as new versions, publish (the live one retired), roll back to an
// older version, audit entries; bad flows (bad shape, unknown step, missing tool outcome, another tenant's
// team, a control character) refused with issues naming the step and nothing stored or changed; the preview
// chat walking a menu, waiting for a chosen outcome, and never calling a write tool. Two tenants of its own,
// so other suites publishing flows never move these versions.
import { env } from 'cloudflare:workers';
import type { Client } from '@neondatabase/serverless';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BotFlow,
  FlowIssue,
  FlowVersionList,
  FlowVersionSummary,
  FlowVersionView,
  PreviewResponse,
} from '../../workers/contract';
import { loadPublishedFlow } from '../../workers/services/bot-flows';
import { openDatabases } from '../../workers/services/db';
import { hashPassword } from '../../workers/services/passwords';
import { sealJson } from '../../workers/services/secret-box';
import { openClient } from './db-helpers';
import { ERP, IXC_CREDENTIALS, newIsp, requests, SEEDED, sideEffects } from './erp-sim';
import { api, errorCode, login } from './helpers';

const PASSWORD = 'fluxo-senha-123456';
const rand = () => crypto.randomUUID().slice(0, 8);

interface TestTenant {
  id: string;
  teamId: string;
  admin: string;
  adminName: string;
}

let owner: Client;
let T: TestTenant;
let other: TestTenant;

async function createTenant(label: string): Promise<TestTenant> {
  const slug = `fluxo-${label}-${rand()}`;
  const q = async (sql: string, values: unknown[]) =>
    (await owner.query<{ id: string }>(sql, values)).rows[0]?.id as string;
  const id = await q('insert into tenants (slug, name) values ($1, $2) returning id', [
    slug,
    `Fluxo ${slug}`,
  ]);
  const adminName = `Admin ${slug}`;
  await q(
    `insert into users (tenant_id, email, name, role, password_hash) values ($1, $2, $3, 'admin', $4) returning id`,
    [id, `admin@${slug}.test`, adminName, hashPassword(PASSWORD)],
  );
  const teamId = await q('insert into teams (tenant_id, name) values ($1, $2) returning id', [
    id,
    `Suporte ${slug}`,
  ]);
  const admin = (await login(`admin@${slug}.test`, PASSWORD)).token;
  return { id, teamId, admin, adminName };
}

beforeAll(async () => {
  owner = await openClient(env.FIO_TEST_OWNER_DATABASE_URL);
  T = await createTenant('a');
  other = await createTenant('b');
}, 60_000);

afterAll(async () => {
  await owner?.end();
});

/** A small ISP flow: a menu; "suporte" identifies the customer and unlocks (a write tool); a hand-off; an end. */
function flow(teamId: string, name = 'Atendimento de teste'): BotFlow {
  const toAgent = { not_found: 'atendente', erp_unavailable: 'atendente' };
  return {
    schema: 1,
    name,
    greeting: 'Olá! Seu protocolo é {{protocol}}.',
    start: 'menu',
    steps: [
      {
        id: 'menu',
        type: 'menu',
        text: 'Como posso ajudar?',
        options: [
          { label: 'Financeiro', synonyms: ['boleto'], next: 'financeiro' },
          { label: 'Suporte técnico', synonyms: ['internet'], next: 'suporte' },
        ],
        invalidText: 'Não entendi, escolha uma opção.',
        maxAttempts: 2,
        onFail: 'atendente',
      },
      { id: 'financeiro', type: 'message', text: 'Você está no financeiro.', next: 'fim' },
      { id: 'suporte', type: 'message', text: 'Vamos verificar sua conexão.', next: 'identificar' },
      { id: 'identificar', type: 'tool', tool: 'find_customer', on: { ok: 'desbloqueio', ...toAgent } },
      {
        id: 'desbloqueio',
        type: 'tool',
        tool: 'trust_unlock',
        on: { ok: 'liberado', not_allowed: 'atendente', already_done: 'atendente', ...toAgent },
      },
      { id: 'liberado', type: 'message', text: 'Liberado até {{unlock.until}}.', next: 'fim' },
      { id: 'atendente', type: 'handoff', text: 'Vou chamar um atendente.', teamId, reason: 'pedido' },
      { id: 'fim', type: 'end', text: 'Até logo!', resolved: true },
    ],
    handoffKeywords: ['atendente'],
    handoffStep: 'atendente',
    fallbackStep: 'atendente',
  };
}

const list = async (t: TestTenant) => {
  const res = await api<FlowVersionList>('GET', '/api/admin/bot/flows', t.admin);
  expect(res.status).toBe(200);
  return res.body;
};
const save = (t: TestTenant, f: unknown) =>
  api<FlowVersionSummary>('POST', '/api/admin/bot/flows', t.admin, { flow: f });
const publish = (t: TestTenant, v: number) =>
  api<FlowVersionSummary>('POST', `/api/admin/bot/flows/${v}/publish`, t.admin);
const stateOf = (l: FlowVersionList, v: number) => l.versions.find((x) => x.version === v)?.state;

/** The issues of a 422 `flow_invalid` envelope. */
function issuesOf(body: unknown): FlowIssue[] {
  return (body as { error: { details: { issues: FlowIssue[] } } }).error.details.issues;
}

async function auditCount(tenantId: string, action: string): Promise<number> {
  const r = await owner.query<{ n: string }>(
    'select count(*) as n from audit_log where tenant_id = $1 and action = $2',
    [tenantId, action],
  );
  return Number(r.rows[0]?.n ?? 0);
}

async function versionRows(tenantId: string): Promise<string[]> {
  const r = await owner.query<{ row: string }>(
    `select to_jsonb(v)::text as row from bot_flow_versions v where tenant_id = $1 order by version`,
    [tenantId],
  );
  return r.rows.map((x) => x.row);
}

describe('versions', () => {
  it('saves drafts as new versions, publishes one, and rolls back to an earlier one', async () => {
    expect(await list(T)).toEqual({ versions: [], published: null });
    const first = await save(T, flow(T.teamId, 'Primeira'));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ version: 1, state: 'draft', publishedAt: null });
    expect(first.body.createdBy?.name).toBe(T.adminName);
    const second = await save(T, flow(T.teamId, 'Segunda'));
    expect(second.body).toMatchObject({ version: 2, state: 'draft' });

    // A draft is not live.
    const dbs = openDatabases(env);
    expect(await loadPublishedFlow(dbs.primary, T.id)).toBeNull();

    expect((await publish(T, 1)).body).toMatchObject({ version: 1, state: 'published' });
    expect((await loadPublishedFlow(dbs.primary, T.id))?.flow.name).toBe('Primeira');
    const afterFirst = await publish(T, 2);
    expect(afterFirst.status).toBe(200);
    let l = await list(T);
    expect(l.published).toBe(2);
    expect([stateOf(l, 1), stateOf(l, 2)]).toEqual(['retired', 'published']);
    expect(l.versions.map((v) => v.version)).toEqual([2, 1]);

    // Roll back: version 1 goes live again, 2 is retired; the history stays two rows.
    const restored = await publish(T, 1);
    expect(restored.status).toBe(200);
    l = await list(T);
    expect(l.published).toBe(1);
    expect([stateOf(l, 1), stateOf(l, 2)]).toEqual(['published', 'retired']);
    expect(l.versions).toHaveLength(2);
    const live = await loadPublishedFlow(dbs.primary, T.id);
    expect(live).toMatchObject({ version: 1, flow: { name: 'Primeira' } });

    // Publishing the live version again changes nothing.
    const before = await versionRows(T.id);
    expect((await publish(T, 1)).status).toBe(200);
    expect(await versionRows(T.id)).toEqual(before);

    const one = await api<FlowVersionView>('GET', '/api/admin/bot/flows/2', T.admin);
    expect(one.status).toBe(200);
    expect(one.body.flow).toEqual(flow(T.teamId, 'Segunda'));
    expect(await auditCount(T.id, 'bot_flow.saved')).toBe(2);
    expect(await auditCount(T.id, 'bot_flow.published')).toBe(3);
    const last = await owner.query<{ details: { version: number; previous: number; restored: boolean } }>(
      `select details from audit_log where tenant_id = $1 and action = 'bot_flow.published' order by id desc limit 1`,
      [T.id],
    );
    expect(last.rows[0]?.details).toEqual({ version: 1, previous: 2, restored: true });
    await dbs.close();
  });

  it('answers 404 for a version that does not exist, is not a number, or is another tenant’s', async () => {
    for (const v of ['999', 'abc', '0', '01', '1.5']) {
      const res = await api('GET', `/api/admin/bot/flows/${v}`, T.admin);
      expect(res.status, v).toBe(404);
      expect((await api('POST', `/api/admin/bot/flows/${v}/publish`, T.admin)).status, v).toBe(404);
    }
    // The other tenant has no version 1 of its own; T's is invisible to it.
    expect((await api('GET', '/api/admin/bot/flows/1', other.admin)).status).toBe(404);
    expect((await publish(other, 1)).status).toBe(404);
  });

  it('shows a stored version that no longer fits the contract as stored, and refuses to publish it', async () => {
    await owner.query(
      `insert into bot_flow_versions (tenant_id, version, definition, state) values ($1, 1, $2, 'draft')`,
      [other.id, JSON.stringify({ schema: 1, name: 'Antigo' })],
    );
    const old = await api<FlowVersionView>('GET', '/api/admin/bot/flows/1', other.admin);
    expect(old.status).toBe(200);
    expect(old.body.flow).toEqual({ schema: 1, name: 'Antigo' });
    const refused = await publish(other, 1);
    expect(refused.status).toBe(422);
    expect((await list(other)).published).toBeNull();
  });
});

describe('bad flows', () => {
  const bad: { name: string; make: () => unknown; stepId: string | null; path: RegExp; code: string }[] = [
    {
      name: 'not a flow at all (a step of an unknown type)',
      make: () => {
        const f = flow(T.teamId) as unknown as { steps: unknown[] };
        f.steps[1] = { id: 'financeiro', type: 'teleport', next: 'fim' };
        return f;
      },
      stepId: 'financeiro',
      path: /^steps\[1\]/,
      code: 'unknown_step_type',
    },
    {
      name: 'an unknown step reference',
      make: () => {
        const f = flow(T.teamId);
        const menu = f.steps[0];
        if (menu?.type === 'menu' && menu.options[1]) menu.options[1].next = 'nao_existe';
        return f;
      },
      stepId: 'menu',
      path: /^steps\[0\]\.options\[1\]\.next$/,
      code: 'unknown_step',
    },
    {
      name: 'a tool outcome left unmapped',
      make: () => {
        const f = flow(T.teamId);
        const tool = f.steps[4];
        if (tool?.type === 'tool') delete tool.on.already_done;
        return f;
      },
      stepId: 'desbloqueio',
      path: /^steps\[4\]\.on\.already_done$/,
      code: 'missing_outcome',
    },
    {
      name: "another tenant's team",
      make: () => flow(other.teamId),
      stepId: 'atendente',
      path: /^steps\[6\]\.teamId$/,
      code: 'foreign_team',
    },
    {
      name: 'a control character in a text',
      make: () => {
        const f = flow(T.teamId);
        const msg = f.steps[1];
        if (msg?.type === 'message') msg.text = 'Financeiro\u0000';
        return f;
      },
      stepId: 'financeiro',
      path: /^steps\[1\]\.text$/,
      code: 'text_not_storable',
    },
  ];

  for (const c of bad) {
    it(`refuses ${c.name}: 422 with an issue naming the step, nothing stored, the live flow unchanged`, async () => {
      const rowsBefore = await versionRows(T.id);
      const audits = await auditCount(T.id, 'bot_flow.saved');
      const input = c.make();
      const res = await save(T, input);
      expect(res.status).toBe(422);
      expect(errorCode(res.body)).toBe('flow_invalid');
      const issues = issuesOf(res.body);
      const hit = issues.find((i) => i.stepId === c.stepId && c.path.test(i.path));
      expect(hit, JSON.stringify(issues)).toBeDefined();
      expect(hit?.message).toMatch(/\S/);
      // A kind the editor words in the admin's language.
      expect(hit?.code).toBe(c.code);
      expect(await versionRows(T.id)).toEqual(rowsBefore);
      expect(await auditCount(T.id, 'bot_flow.saved')).toBe(audits);
      // The check alone says the same and stores nothing either.
      const checked = await api<{ issues: FlowIssue[] }>('POST', '/api/admin/bot/flows/validate', T.admin, {
        flow: input,
      });
      expect(checked.status).toBe(200);
      expect(checked.body.issues).toEqual(issues);
      expect(await versionRows(T.id)).toEqual(rowsBefore);
    });
  }

  it('answers the check of a good flow with no issues', async () => {
    const res = await api<{ issues: FlowIssue[] }>('POST', '/api/admin/bot/flows/validate', T.admin, {
      flow: flow(T.teamId),
    });
    expect(res.body).toEqual({ issues: [] });
  });

  it('refuses a body without a flow (400), a null flow (422) or a body that is not an object (400)', async () => {
    const before = await versionRows(T.id);
    const empty = await api('POST', '/api/admin/bot/flows', T.admin, {});
    expect(empty.status).toBe(400);
    expect(errorCode(empty.body)).toBe('validation_failed');
    const nothing = await api('POST', '/api/admin/bot/flows', T.admin, { flow: null });
    expect(nothing.status).toBe(422);
    expect(errorCode(nothing.body)).toBe('flow_invalid');
    const notObject = await api('POST', '/api/admin/bot/flows', T.admin, 'not a flow');
    expect(notObject.status).toBe(400);
    expect(await versionRows(T.id)).toEqual(before);
  });

  it('refuses to publish a version whose team was deleted since, leaving the live one', async () => {
    const team = await owner.query<{ id: string }>(
      'insert into teams (tenant_id, name) values ($1, $2) returning id',
      [T.id, `Temporária ${rand()}`],
    );
    const teamId = team.rows[0]?.id as string;
    const saved = await save(T, flow(teamId, 'Com equipe temporária'));
    expect(saved.status).toBe(201);
    await owner.query('delete from teams where id = $1', [teamId]);
    const live = (await list(T)).published;
    const res = await publish(T, saved.body.version);
    expect(res.status).toBe(422);
    const issues = issuesOf(res.body);
    expect(issues.some((i) => i.stepId === 'atendente')).toBe(true);
    const after = await list(T);
    expect(after.published).toBe(live);
    expect(stateOf(after, saved.body.version)).toBe('draft');
  });
});

describe('preview', () => {
  const preview = (body: unknown) => api<PreviewResponse>('POST', '/api/admin/bot/preview', T.admin, body);

  it('walks a menu: the greeting and menu, then "2" goes to the second option’s step', async () => {
    const f = flow(T.teamId);
    const started = await preview({ flow: f, input: { kind: 'start' } });
    expect(started.status).toBe(200);
    expect(started.body.issues).toEqual([]);
    const texts = started.body.replies.map((r) => r.text);
    expect(texts[0]).toMatch(/^Olá! Seu protocolo é \d{14}\.$/);
    expect(texts.join('\n')).toContain('Como posso ajudar?');
    expect(started.body.replies.some((r) => r.choices?.some((c) => c.title.includes('Suporte')))).toBe(true);

    const second = await preview({
      flow: f,
      state: started.body.state,
      input: { kind: 'message', text: '2' },
    });
    expect(second.status).toBe(200);
    expect(second.body.replies.map((r) => r.text)).toContain('Vamos verificar sua conexão.');
    // find_customer is a read tool and no ERP is configured: the admin picks its outcome.
    expect(second.body.pending).toMatchObject({
      tool: 'find_customer',
      outcomes: ['ok', 'not_found', 'erp_unavailable'],
    });
    const pending = second.body.pending as NonNullable<PreviewResponse['pending']>;

    // "ok": a sample customer is found; trust_unlock is a write tool: simulated, never sent anywhere.
    const found = await preview({
      flow: f,
      state: second.body.state,
      input: { kind: 'tool_result', callId: pending.callId, tool: 'find_customer', outcome: 'ok' },
    });
    expect(found.status).toBe(200);
    expect(found.body.actions).toEqual(
      expect.arrayContaining([
        { kind: 'tool', tool: 'find_customer', outcome: 'ok', source: 'chosen' },
        { kind: 'tool', tool: 'trust_unlock', outcome: 'ok', source: 'simulated' },
        { kind: 'end', resolved: true },
      ]),
    );
    expect(found.body.replies.map((r) => r.text).join('\n')).toMatch(/Liberado até \S+/);
    expect(found.body.pending).toBeNull();
    expect(found.body.state.phase).toBe('ended');
  });

  it('follows the chosen outcome’s branch and the hand-off keyword', async () => {
    const f = flow(T.teamId);
    const started = await preview({ flow: f, input: { kind: 'start' } });
    const second = await preview({
      flow: f,
      state: started.body.state,
      input: { kind: 'message', text: 'internet' },
    });
    const pending = second.body.pending as NonNullable<PreviewResponse['pending']>;
    const notFound = await preview({
      flow: f,
      state: second.body.state,
      input: { kind: 'tool_result', callId: pending.callId, tool: 'find_customer', outcome: 'not_found' },
    });
    expect(notFound.body.actions).toContainEqual({ kind: 'handoff', teamId: T.teamId, reason: 'pedido' });
    expect(notFound.body.replies.map((r) => r.text)).toContain('Vou chamar um atendente.');

    // The opening message itself may ask for a person (as on a channel: no state yet, no start).
    const keyword = await preview({
      flow: f,
      input: { kind: 'message', text: 'quero falar com um atendente' },
    });
    expect(keyword.body.replies.map((r) => r.text)).toContain('Vou chamar um atendente.');
    expect(keyword.body.state.phase).toBe('handed_off');
  });

  it('answers an invalid flow with its issues and runs nothing; refuses an outcome the tool never has', async () => {
    const f = flow(T.teamId);
    f.start = 'nao_existe';
    const res = await preview({ flow: f, input: { kind: 'start' } });
    expect(res.status).toBe(200);
    expect(res.body.replies).toEqual([]);
    expect(res.body.issues.some((i) => i.path === 'start')).toBe(true);

    const good = flow(T.teamId);
    const started = await preview({ flow: good, input: { kind: 'start' } });
    const wrong = await preview({
      flow: good,
      state: started.body.state,
      input: { kind: 'tool_result', callId: 'x', tool: 'find_customer', outcome: 'online' },
    });
    expect(wrong.status).toBe(400);
    expect(errorCode(wrong.body)).toBe('validation_failed');
  });
});

describe('preview with the tenant’s ERP', () => {
  /** Ask the CPF, find the customer (a read: sent to the ERP), unlock (a write: simulated, never sent). */
  function unlockFlow(teamId: string): BotFlow {
    const f = flow(teamId);
    const support = f.steps[2];
    if (support?.type === 'message') support.next = 'pedir_cpf';
    f.steps.push({
      id: 'pedir_cpf',
      type: 'ask',
      input: 'cpf_cnpj',
      text: 'Qual o CPF do titular?',
      invalidText: 'CPF inválido, digite de novo.',
      saveAs: 'documento',
      maxAttempts: 3,
      onFail: 'atendente',
      next: 'identificar',
    });
    return f;
  }

  it('sends read tools to the ERP and never a write: the unlock is simulated, the ERP unlocks nothing', async () => {
    const t = await createTenant('erp');
    const isp = newIsp('fluxo');
    const sealed = await sealJson(env.CHANNEL_SECRETS_KEY, IXC_CREDENTIALS, `erp:${t.id}`);
    await owner.query(
      `insert into erp_connections (tenant_id, kind, base_url, credentials) values ($1, 'ixc', $2, $3)`,
      [t.id, `${ERP}/ixc/${isp}`, sealed],
    );
    const f = unlockFlow(t.teamId);
    const preview = (body: unknown) => api<PreviewResponse>('POST', '/api/admin/bot/preview', t.admin, body);
    const started = await preview({ flow: f, input: { kind: 'start' } });
    const asked = await preview({
      flow: f,
      state: started.body.state,
      input: { kind: 'message', text: '2' },
    });
    expect(asked.body.replies.map((r) => r.text)).toContain('Qual o CPF do titular?');
    // Carla is suspended for debt: a real unlock would be granted (and recorded by the simulator).
    const done = await preview({
      flow: f,
      state: asked.body.state,
      input: { kind: 'message', text: SEEDED.carla.document },
    });
    expect(done.status).toBe(200);
    expect(done.body.pending).toBeNull();
    expect(done.body.actions).toEqual(
      expect.arrayContaining([
        { kind: 'tool', tool: 'find_customer', outcome: 'ok', source: 'erp' },
        { kind: 'tool', tool: 'trust_unlock', outcome: 'ok', source: 'simulated' },
      ]),
    );
    expect(done.body.replies.map((r) => r.text).join('\n')).toMatch(/Liberado até \S+/);
    const recorded = await requests(isp);
    expect(recorded.length).toBeGreaterThan(0);
    expect(
      recorded.filter((r) => /desbloq|liberac|unlock|chamado|ticket|su_oss/i.test(r.path + r.route)),
    ).toEqual([]);
    const effects = await sideEffects(isp);
    expect(effects.unlocks).toEqual([]);
    expect(effects.tickets).toEqual([]);
  });
});
