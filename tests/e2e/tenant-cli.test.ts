// The operator's command line against the real stack (issue 16): `npm run tenant -- create` prints an invite
// link that the real accept endpoint takes; its admin signs in to an empty, isolated tenant; `suspend`
// refuses that sign-in and closes the open inbox socket; `delete` removes every row; bad usage and refusals
// have their exit codes (2 and 1).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../scripts/lib/stack';
import { api, eventually, startE2eStack, widget } from './stack';

const ROOT = join(import.meta.dirname, '../..');
const PASSWORD = 'fibra-sul-senha-2026';
let stack: Stack;

beforeAll(async () => {
  stack = await startE2eStack('tenant-cli');
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

/** Runs `npm run tenant -- …` (tsx scripts/tenant.ts) as a child process against the stack. */
function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      join(ROOT, 'node_modules/.bin/tsx'),
      [join(ROOT, 'scripts/tenant.ts'), ...args, '--url', stack.workerUrl],
      {
        env: { ...process.env, OPERATOR_TOKEN: stack.secrets.operatorToken, LANG: 'pt_BR.UTF-8' },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        resolve({
          code: error ? Number((error as { code?: number }).code ?? 1) : 0,
          out: stdout,
          err: stderr,
        }),
    );
  });
}

async function rowsOf(tenantId: string): Promise<number> {
  const client = new pg.Client({ connectionString: stack.ownerUrl });
  await client.connect();
  try {
    const tables = await client.query<{ relname: string }>(
      `select c.relname from pg_class c join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id'
        where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition`,
    );
    let total = 0;
    for (const { relname } of tables.rows) {
      const r = await client.query<{ n: string }>(
        `select count(*) as n from "${relname}" where tenant_id = $1`,
        [tenantId],
      );
      total += Number(r.rows[0]?.n);
    }
    const t = await client.query('select 1 from tenants where id = $1', [tenantId]);
    return total + t.rows.length;
  } finally {
    await client.end();
  }
}

describe('npm run tenant', () => {
  let tenantId: string;
  let token: string;
  const email = 'ana@fibrasul.com.br';

  it('creates a tenant and prints the invite link, which signs its admin in to an isolated tenant', async () => {
    const created = await cli('create', '--name', 'Fibra Sul', '--admin-email', email, '--admin-name', 'Ana');
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/Organização criada: Fibra Sul \(fibra-sul, /);
    const link = /(https?:\/\/\S+\/invite\?token=\S+)/.exec(created.out)?.[1];
    expect(link).toBeDefined();
    const inviteToken = new URL(link as string).searchParams.get('token') as string;
    const accepted = await api(stack, '/api/auth/invitations/accept', {
      method: 'POST',
      body: JSON.stringify({ token: inviteToken, password: PASSWORD }),
    });
    expect(accepted.status).toBe(200);
    const login = await api<{ accessToken: string; user: { tenantId: string; role: string } }>(
      stack,
      '/api/auth/login',
      { method: 'POST', body: JSON.stringify({ email, password: PASSWORD }) },
    );
    expect(login.status).toBe(200);
    expect(login.body.user.role).toBe('owner');
    token = login.body.accessToken;
    tenantId = login.body.user.tenantId;
    const auth = { authorization: `Bearer ${token}` };
    const list = await api<{ conversations: unknown[] }>(stack, '/api/conversations', { headers: auth });
    expect(list).toEqual({ status: 200, body: { conversations: [], nextCursor: null } });
    const other = await widget(stack, 'acme');
    const peek = await api(stack, `/api/conversations/${other.conversationId}`, { headers: auth });
    expect(peek.status).toBe(404);

    const shown = await cli('show', 'fibra-sul', '--json');
    expect(JSON.parse(shown.out)).toMatchObject({ id: tenantId, status: 'active', users: 1 });
  });

  it('refuses a taken name (exit 1, the API message) and bad usage (exit 2)', async () => {
    const taken = await cli('create', '--name', 'fibra sul', '--admin-email', 'outra@fibrasul.com.br');
    expect(taken.code).toBe(1);
    expect(taken.err).toMatch(/409 conflict/);
    expect(taken.err).toMatch(/name/);
    expect((await cli('create', '--name', 'Sem E-mail')).code).toBe(2);
    expect((await cli('explode')).code).toBe(2);
    expect((await cli('show', 'nao-existe')).code).toBe(1);
  });

  it('suspends: the sign-in is refused and the open inbox socket closes', async () => {
    const ws = new WebSocket(
      `${stack.workerUrl.replace(/^http/, 'ws')}/ws/inbox?token=${encodeURIComponent(token)}`,
    );
    const frames: string[] = [];
    ws.addEventListener('message', (e) => frames.push(String(e.data)));
    await new Promise((resolve, reject) => {
      ws.addEventListener('open', resolve);
      ws.addEventListener('error', reject);
    });
    ws.send(JSON.stringify({ type: 'hello', since: 0 }));
    await eventually('the inbox is ready', () => frames.some((f) => f.includes('"ready"')));
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      ws.addEventListener('close', (e) => resolve({ code: e.code, reason: e.reason })),
    );

    const suspended = await cli('suspend', 'fibra-sul', '--reason', 'inadimplência');
    expect(suspended.code).toBe(0);
    expect(suspended.out).toMatch(/Organização suspensa: Fibra Sul/);
    expect(await closed).toEqual({ code: 4423, reason: 'tenant_suspended' });
    const login = await api<{ error: { code: string; message: string } }>(stack, '/api/auth/login', {
      method: 'POST',
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(login.status).toBe(403);
    expect(login.body.error.code).toBe('tenant_suspended');
    const listed = await cli('list', '--json');
    const mine = (JSON.parse(listed.out) as { tenants: { id: string; status: string }[] }).tenants.find(
      (t) => t.id === tenantId,
    );
    expect(mine?.status).toBe('suspended');
    expect((await cli('list')).out).toMatch(/fibra-sul\s+Fibra Sul\s+suspensa/);
  });

  it('deletes only with the slug repeated, and then every row is gone', async () => {
    expect(await rowsOf(tenantId)).toBeGreaterThan(3);
    const wrong = await cli('delete', 'fibra-sul', '--confirm', 'fibra');
    expect(wrong.code).toBe(1);
    expect(await rowsOf(tenantId)).toBeGreaterThan(3);
    expect((await cli('delete', 'fibra-sul')).code).toBe(2);
    const deleted = await cli('delete', 'fibra-sul', '--confirm', 'fibra-sul');
    expect(deleted.code).toBe(0);
    expect(deleted.out).toMatch(/Organização apagada: Fibra Sul \(fibra-sul\): \d+ linhas/);
    expect(await rowsOf(tenantId)).toBe(0);
    expect((await cli('show', tenantId)).code).toBe(1);
  });
});
