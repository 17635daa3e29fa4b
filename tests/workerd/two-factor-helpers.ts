// 2FA suites run in tenants of their own (created here as the app role, as RLS allows), so changing the 2FA
// policy or enrolling users never touches the tenants other suites sign in to. Codes are generated the way
// an authenticator app does (otpauth), at chosen offsets from now.
import { env } from 'cloudflare:workers';
import { Secret, TOTP } from 'otpauth';
import type { Role } from '../../workers/contract';
import { hashPassword } from '../../workers/services/passwords';
import { asTenant, openClient } from './db-helpers';
import { api, postJson } from './helpers';

export const PASSWORD = 'two-factor-test-pass';
let passwordHash: string | null = null;

export interface TestUser {
  id: string;
  email: string;
  role: Role;
}

export interface TestTenant {
  id: string;
  name: string;
  users: Record<'owner' | 'admin' | 'supervisor' | 'agent', TestUser>;
}

export type Client = Awaited<ReturnType<typeof openClient>>;

export async function newTenant(client: Client, policy = 'none'): Promise<TestTenant> {
  passwordHash ??= hashPassword(PASSWORD);
  const id = crypto.randomUUID();
  const tag = id.slice(0, 8);
  const name = `Provedor ${tag}`;
  const roles = ['owner', 'admin', 'supervisor', 'agent'] as const;
  const users = await asTenant(client, id, async () => {
    await client.query('insert into tenants (id, slug, name, require_2fa) values ($1, $2, $3, $4)', [
      id,
      `tfa-${tag}`,
      name,
      policy,
    ]);
    const made = {} as TestTenant['users'];
    for (const role of roles) {
      const email = `${role}-${tag}@tfa.test`;
      const r = await client.query<{ id: string }>(
        `insert into users (tenant_id, email, name, role, password_hash) values ($1, $2, $3, $4, $5) returning id`,
        [id, email, `${role} ${tag}`, role, passwordHash],
      );
      made[role] = { id: r.rows[0]?.id as string, email, role };
    }
    return made;
  });
  return { id, name, users };
}

export function openDb(): Promise<Client> {
  return openClient(env.DATABASE_URL);
}

export async function loginAs(
  user: TestUser,
  totp?: string,
  password = PASSWORD,
): Promise<{ status: number; body: Record<string, unknown> & { accessToken?: string } }> {
  const res = await postJson('/api/auth/login', { email: user.email, password, ...(totp ? { totp } : {}) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

export async function tokenFor(user: TestUser, totp?: string): Promise<string> {
  const res = await loginAs(user, totp);
  if (res.status !== 200 || !res.body.accessToken) throw new Error(`login: ${JSON.stringify(res.body)}`);
  return res.body.accessToken;
}

/** The code an app shows `offsetSeconds` from now. */
export function codeAt(secret: string, offsetSeconds = 0): string {
  return TOTP.generate({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    timestamp: Date.now() + offsetSeconds * 1000,
  });
}

/** Waits out the last seconds of a 30 s step, so "now" in the test and in the Worker is the same step. */
export async function awayFromStepEdge(): Promise<void> {
  const left = TOTP.remaining({ period: 30 });
  if (left < 4_000) await new Promise((r) => setTimeout(r, left + 250));
}

export interface Enrolled {
  secret: string;
  recoveryCodes: string[];
}

/** Start + confirm with the current code, through the routes (token: access or enrolment token). */
export async function enrol(token: string): Promise<Enrolled & { signInTicket?: string }> {
  await awayFromStepEdge();
  const start = await api<{ secret: string }>('POST', '/api/auth/2fa/enrolment', token);
  if (start.status !== 200) throw new Error(`enrolment start: ${JSON.stringify(start.body)}`);
  const { secret } = start.body;
  const confirm = await api<{ recoveryCodes: string[]; signInTicket?: string }>(
    'POST',
    '/api/auth/2fa/enrolment/confirm',
    token,
    { code: codeAt(secret) },
  );
  if (confirm.status !== 200) throw new Error(`enrolment confirm: ${JSON.stringify(confirm.body)}`);
  return { secret, ...confirm.body };
}

/** As if the enrolment happened a while ago: no step used yet (so older drift steps can be tried). */
export async function forgetLastStep(client: Client, tenantId: string, userId: string): Promise<void> {
  await asTenant(client, tenantId, () =>
    client.query('update user_totp set last_used_step = null where user_id = $1', [userId]),
  );
}

export async function auditActions(client: Client, tenantId: string, targetId: string): Promise<string[]> {
  const r = await asTenant(client, tenantId, () =>
    client.query<{ action: string }>('select action from audit_log where target_id = $1 order by id', [
      targetId,
    ]),
  );
  return r.rows.map((row) => row.action);
}

export async function totpRow(
  client: Client,
  tenantId: string,
  userId: string,
): Promise<{ secret: string; enabled_at: Date | null; last_used_step: string | null } | null> {
  const r = await asTenant(client, tenantId, () =>
    client.query<{ secret: string; enabled_at: Date | null; last_used_step: string | null }>(
      'select secret, enabled_at, last_used_step from user_totp where user_id = $1',
      [userId],
    ),
  );
  return r.rows[0] ?? null;
}
