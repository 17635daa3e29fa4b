// Sessions and live revocation, on real workerd + Postgres: the refresh cookie's attributes, rotation and
// reuse detection (a replay ends the whole family), logout, logout-all, my sessions with revoke, tokens
// without expiry or with an ended session refused, and admin changes (deactivation, role) reaching REST at
// once and open conversation and inbox sockets within seconds (4401 session_ended / 4403 role_changed).
import { env } from 'cloudflare:workers';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminUser, type SessionView, SOCKET_CLOSE } from '../../workers/contract';
import { ACME } from '../support/fixtures';
import { asTenant, openClient } from './db-helpers';
import { api, call, errorCode, openInbox, openSocket, postJson, widgetSession } from './helpers';
import { signIn } from './sign-in';

const tokens = signIn('admin');
let client: Awaited<ReturnType<typeof openClient>>;
let acmeId: string;

beforeAll(async () => {
  client = await openClient(env.DATABASE_URL);
});
afterAll(async () => {
  await client.end();
});

interface Signed {
  accessToken: string;
  cookie: string;
  setCookie: string;
  user: { id: string; tenantId: string; role: string };
}

const PASSWORD = 'a long enough password 42';
const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

/**
 * A fresh Acme user of this role, created through the admin API (so each test owns its sessions). Never an
 * admin: another suite counts Acme's admins.
 */
async function newUser(role: 'agent' | 'supervisor' = 'agent'): Promise<{ id: string; email: string }> {
  const email = `s${crypto.randomUUID().slice(0, 8)}@acme.test`;
  const res = await api<AdminUser>('POST', '/api/admin/users', tokens.admin, {
    email,
    name: `Sessao ${email}`,
    role,
    password: PASSWORD,
  });
  expect(res.status).toBe(201);
  return { id: res.body.id, email };
}

function cookieValue(setCookie: string): string {
  return /^fio_refresh=([^;]*)/.exec(setCookie)?.[1] ?? '';
}

async function signInAs(email: string, headers: Record<string, string> = {}): Promise<Signed> {
  const res = await postJson('/api/auth/login', { email, password: PASSWORD }, headers);
  expect(res.status).toBe(200);
  const body = (await res.json()) as Omit<Signed, 'cookie' | 'setCookie'>;
  const setCookie = res.headers.get('set-cookie') ?? '';
  acmeId = body.user.tenantId;
  return { ...body, setCookie, cookie: cookieValue(setCookie) };
}

function refresh(cookie: string | null): Promise<Response> {
  return call('/api/auth/refresh', {
    method: 'POST',
    headers: cookie === null ? {} : { cookie: `fio_refresh=${cookie}` },
  });
}

async function refreshed(cookie: string): Promise<Signed> {
  const res = await refresh(cookie);
  expect(res.status).toBe(200);
  const body = (await res.json()) as Omit<Signed, 'cookie' | 'setCookie'>;
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { ...body, setCookie, cookie: cookieValue(setCookie) };
}

async function meStatus(token: string): Promise<number> {
  return (await api('GET', '/api/me', token)).status;
}

async function auditCount(action: string, targetId: string): Promise<number> {
  const r = await asTenant(client, acmeId, () =>
    client.query<{ n: string }>(
      'select count(*) as n from audit_log where action = $1 and (target_id = $2 or details::text like $3)',
      [action, targetId, `%${targetId}%`],
    ),
  );
  return Number(r.rows[0]?.n);
}

async function sessionRows(userId: string): Promise<{ id: string; revoked_reason: string | null }[]> {
  const r = await asTenant(client, acmeId, () =>
    client.query<{ id: string; revoked_reason: string | null }>(
      'select id, revoked_reason from user_sessions where user_id = $1 order by created_at',
      [userId],
    ),
  );
  return r.rows;
}

/** The close code and reason of a socket, once it closes. */
function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    ws.addEventListener('close', (e) => resolve({ code: e.code, reason: e.reason }));
  });
}

/** The acceptance deadline: a change reaches open sockets within 5 s of the admin's request returning. */
function within5s<T>(promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('socket still open after 5 s')), 5_000),
    ),
  ]);
}

/** An agent's open conversation socket (hello answered) and inbox socket (ready), with their closes awaited. */
async function openSockets(token: string) {
  const widget = await widgetSession(ACME.slug);
  const conversation = await openSocket(widget.conversationId, token);
  const conversationClosed = closeOf(conversation.ws);
  conversation.send({ type: 'hello', since: 0 });
  await conversation.next('ready');
  const inbox = await openInbox(token);
  const inboxClosed = closeOf(inbox.ws);
  inbox.send({ type: 'hello', since: 0 });
  await inbox.next('ready');
  return { conversationClosed, inboxClosed };
}

describe('refresh cookie and rotation', () => {
  it('login sets an httpOnly, Secure, SameSite=Strict cookie scoped to /api/auth, and a token with sid', async () => {
    const user = await newUser();
    const s = await signInAs(user.email, { 'user-agent': CHROME_WINDOWS, 'cf-connecting-ip': '203.0.113.7' });
    const attrs = s.setCookie.split(';').map((a) => a.trim().toLowerCase());
    expect(s.cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(attrs).toEqual(
      expect.arrayContaining([
        'httponly',
        'secure',
        'samesite=strict',
        'path=/api/auth',
        `max-age=${30 * 24 * 60 * 60}`,
      ]),
    );
    const claims = JSON.parse(
      atob((s.accessToken.split('.')[1] as string).replace(/-/g, '+').replace(/_/g, '/')),
    );
    expect(claims.sid).toMatch(/^[0-9a-f-]{36}$/);
    expect(claims.exp - claims.iat).toBe(900);
    const list = await api<{ sessions: SessionView[] }>('GET', '/api/auth/sessions', s.accessToken);
    expect(list.body.sessions).toEqual([
      expect.objectContaining({
        id: claims.sid,
        device: 'Chrome on Windows',
        ip: '203.0.113.7',
        current: true,
      }),
    ]);
    expect(await auditCount('auth.sign_in', claims.sid)).toBe(1);
  });

  it('rotates on every refresh: a new cookie and access token each time, for the same session', async () => {
    const user = await newUser();
    const first = await signInAs(user.email);
    const second = await refreshed(first.cookie);
    const third = await refreshed(second.cookie);
    expect(new Set([first.cookie, second.cookie, third.cookie]).size).toBe(3);
    expect(third.setCookie.toLowerCase()).toContain('httponly');
    expect(await meStatus(third.accessToken)).toBe(200);
    const sessions = await api<{ sessions: SessionView[] }>('GET', '/api/auth/sessions', third.accessToken);
    expect(sessions.body.sessions).toHaveLength(1);
    // Only hashes are stored: the cookie's value is nowhere in the table.
    const stored = await asTenant(client, acmeId, () =>
      client.query('select 1 from refresh_tokens where token_hash = $1', [third.cookie]),
    );
    expect(stored.rowCount).toBe(0);
  });

  it('a replayed refresh token is refused and ends its whole family, newest token included', async () => {
    const user = await newUser();
    const first = await signInAs(user.email);
    const second = await refreshed(first.cookie);
    const replay = await refresh(first.cookie);
    expect(replay.status).toBe(401);
    expect(errorCode(await replay.json())).toBe('unauthorized');
    // The legitimate newest cookie and its access token stop working too.
    expect((await refresh(second.cookie)).status).toBe(401);
    expect(await meStatus(second.accessToken)).toBe(401);
    const rows = await sessionRows(user.id);
    expect(rows.map((r) => r.revoked_reason)).toEqual(['refresh_reused']);
    expect(await auditCount('auth.refresh_reused', rows[0]?.id as string)).toBe(1);
  });

  it('refuses a missing, malformed or unknown cookie with 401 and changes nothing', async () => {
    const user = await newUser();
    const s = await signInAs(user.email);
    for (const cookie of [null, '', 'not-a-token', 'A'.repeat(43), `${s.cookie}x`, "' or 1=1 --"]) {
      const res = await refresh(cookie);
      expect(res.status).toBe(401);
      expect(errorCode(await res.json())).toBe('unauthorized');
    }
    expect((await sessionRows(user.id)).map((r) => r.revoked_reason)).toEqual([null]);
    expect(await meStatus((await refreshed(s.cookie)).accessToken)).toBe(200);
  });
});

describe('logout, logout-all and my sessions', () => {
  it('logout ends the current session: its access token and cookie stop working, the cookie is cleared', async () => {
    const user = await newUser();
    const s = await signInAs(user.email);
    const res = await call('/api/auth/logout', {
      method: 'POST',
      headers: { authorization: `Bearer ${s.accessToken}`, cookie: `fio_refresh=${s.cookie}` },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/^fio_refresh=;.*Max-Age=0/i);
    expect(await meStatus(s.accessToken)).toBe(401);
    expect((await refresh(s.cookie)).status).toBe(401);
    const [row] = await sessionRows(user.id);
    expect(row?.revoked_reason).toBe('sign_out');
    expect(await auditCount('auth.sign_out', row?.id as string)).toBe(1);
  });

  it('logout with only the cookie (access token expired) still ends the session', async () => {
    const user = await newUser();
    const s = await signInAs(user.email);
    const res = await call('/api/auth/logout', {
      method: 'POST',
      headers: { cookie: `fio_refresh=${s.cookie}` },
    });
    expect(res.status).toBe(204);
    expect(await meStatus(s.accessToken)).toBe(401);
  });

  it('logout-all ends every session of mine and nobody else’s', async () => {
    const user = await newUser();
    const other = await newUser();
    const a = await signInAs(user.email);
    const b = await signInAs(user.email);
    const theirs = await signInAs(other.email);
    const res = await api('POST', '/api/auth/logout-all', a.accessToken);
    expect(res.status).toBe(204);
    for (const s of [a, b]) {
      expect(await meStatus(s.accessToken)).toBe(401);
      expect((await refresh(s.cookie)).status).toBe(401);
    }
    expect(await meStatus(theirs.accessToken)).toBe(200);
    expect((await sessionRows(user.id)).map((r) => r.revoked_reason)).toEqual([
      'sign_out_everywhere',
      'sign_out_everywhere',
    ]);
    expect(await auditCount('auth.sign_out_everywhere', user.id)).toBe(1);
    expect((await call('/api/auth/logout-all', { method: 'POST' })).status).toBe(401);
  });

  it('lists my open sessions and revokes one: that one stops working, the other goes on', async () => {
    const user = await newUser();
    const a = await signInAs(user.email, { 'user-agent': CHROME_WINDOWS });
    const b = await signInAs(user.email, {
      'user-agent':
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605 Version/17.0 Safari/604.1',
    });
    const list = await api<{ sessions: SessionView[] }>('GET', '/api/auth/sessions', a.accessToken);
    expect(list.status).toBe(200);
    expect(list.body.sessions.map((s) => [s.device, s.current]).sort()).toEqual([
      ['Chrome on Windows', true],
      ['Safari on iOS', false],
    ]);
    const bId = (list.body.sessions.find((s) => !s.current) as SessionView).id;
    expect((await api('DELETE', `/api/auth/sessions/${bId}`, a.accessToken)).status).toBe(204);
    expect(await meStatus(b.accessToken)).toBe(401);
    expect((await refresh(b.cookie)).status).toBe(401);
    expect(await meStatus(a.accessToken)).toBe(200);
    const after = await api<{ sessions: SessionView[] }>('GET', '/api/auth/sessions', a.accessToken);
    expect(after.body.sessions.map((s) => s.id)).not.toContain(bId);
    expect(await auditCount('auth.session_revoked', bId)).toBe(1);
  });

  it('revoke refuses bad ids and other people’s sessions (404) and changes nothing', async () => {
    const user = await newUser();
    const other = await newUser();
    const mine = await signInAs(user.email);
    const theirs = await signInAs(other.email);
    const [theirSession] = await sessionRows(other.id);
    for (const id of ['not-a-uuid', crypto.randomUUID(), theirSession?.id as string]) {
      const res = await api('DELETE', `/api/auth/sessions/${id}`, mine.accessToken);
      expect(res.status).toBe(404);
      expect(errorCode(res.body)).toBe('not_found');
    }
    expect(await meStatus(theirs.accessToken)).toBe(200);
    expect(await meStatus(mine.accessToken)).toBe(200);
    expect((await call('/api/auth/sessions')).status).toBe(401);
  });
});

describe('tokens', () => {
  const key = new TextEncoder().encode(env.JWT_SECRET);

  it('refuses a correctly signed token without exp, and one naming an unknown session', async () => {
    const user = await newUser();
    const s = await signInAs(user.email);
    const claims = JSON.parse(
      atob((s.accessToken.split('.')[1] as string).replace(/-/g, '+').replace(/_/g, '/')),
    );
    const { exp: _exp, iat: _iat, ...rest } = claims;
    const noExp = await new SignJWT(rest).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key);
    expect(await meStatus(noExp)).toBe(401);
    const unknownSession = await new SignJWT({ ...rest, sid: crypto.randomUUID() })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setExpirationTime('5m')
      .sign(key);
    expect(await meStatus(unknownSession)).toBe(401);
    expect(await meStatus(s.accessToken)).toBe(200);
  });
});

describe('admin changes take effect live', () => {
  it('deactivation: REST 401 at once, open conversation and inbox sockets closed 4401, no sign-in or refresh', async () => {
    const user = await newUser();
    const s = await signInAs(user.email);
    const { conversationClosed, inboxClosed } = await openSockets(s.accessToken);

    const res = await api<AdminUser>('PATCH', `/api/admin/users/${user.id}`, tokens.admin, { active: false });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expect(await meStatus(s.accessToken)).toBe(401);
    const want = { code: SOCKET_CLOSE.sessionEnded.code, reason: SOCKET_CLOSE.sessionEnded.reason };
    expect(await within5s(conversationClosed)).toEqual(want);
    expect(await within5s(inboxClosed)).toEqual(want);
    expect((await refresh(s.cookie)).status).toBe(401);
    const login = await postJson('/api/auth/login', { email: user.email, password: PASSWORD });
    expect(login.status).toBe(401);
    expect(await auditCount('user.deactivated', user.id)).toBe(1);
    expect(await auditCount('auth.sign_in_failed', user.id)).toBe(1);

    // Reactivated: may sign in again, but the old session stays ended.
    const back = await api<AdminUser>('PATCH', `/api/admin/users/${user.id}`, tokens.admin, { active: true });
    expect(back.body.active).toBe(true);
    expect(await meStatus(s.accessToken)).toBe(401);
    expect(await meStatus((await signInAs(user.email)).accessToken)).toBe(200);
    expect(await auditCount('user.reactivated', user.id)).toBe(1);
  });

  it('revoking a session closes that session’s open sockets with 4401', async () => {
    const user = await newUser();
    const s = await signInAs(user.email);
    const { conversationClosed, inboxClosed } = await openSockets(s.accessToken);
    expect((await api('POST', '/api/auth/logout-all', s.accessToken)).status).toBe(204);
    expect((await within5s(conversationClosed)).code).toBe(4401);
    expect((await within5s(inboxClosed)).code).toBe(4401);
  });

  it('role change: the next REST call uses the new role, open sockets get 4403 role_changed', async () => {
    const user = await newUser('agent');
    const s = await signInAs(user.email);
    expect((await api('GET', '/api/channels', s.accessToken)).status).toBe(403);
    const { conversationClosed, inboxClosed } = await openSockets(s.accessToken);

    const res = await api('PATCH', `/api/admin/users/${user.id}`, tokens.admin, { role: 'supervisor' });
    expect(res.status).toBe(200);
    // Same token, signed for an agent: now a supervisor's without signing in again.
    expect((await api('GET', '/api/channels', s.accessToken)).status).toBe(200);
    const want = { code: SOCKET_CLOSE.roleChanged.code, reason: SOCKET_CLOSE.roleChanged.reason };
    expect(await within5s(conversationClosed)).toEqual(want);
    expect(await within5s(inboxClosed)).toEqual(want);
    expect(await auditCount('user.role_changed', user.id)).toBe(1);
    // A refresh now signs the new role; and demoting again closes the screens even for that newer token.
    const promoted = await refreshed(s.cookie);
    const claims = JSON.parse(
      atob((promoted.accessToken.split('.')[1] as string).replace(/-/g, '+').replace(/_/g, '/')),
    );
    expect(claims.role).toBe('supervisor');
    await api('PATCH', `/api/admin/users/${user.id}`, tokens.admin, { role: 'agent' });
    expect((await api('GET', '/api/channels', promoted.accessToken)).status).toBe(403);
    expect((await api('GET', '/api/channels', s.accessToken)).status).toBe(403);
  });

  it('refuses a bad active flag and self-deactivation, changing nothing', async () => {
    const user = await newUser();
    const s = await signInAs(user.email);
    for (const body of [{ active: 'no' }, { active: null }, { active: 0 }]) {
      const res = await api('PATCH', `/api/admin/users/${user.id}`, tokens.admin, body);
      expect(res.status).toBe(400);
      expect(errorCode(res.body)).toBe('validation_failed');
    }
    expect(await meStatus(s.accessToken)).toBe(200);
    const me = await api<{ user: { id: string } }>('GET', '/api/me', tokens.admin);
    const self = await api('PATCH', `/api/admin/users/${me.body.user.id}`, tokens.admin, { active: false });
    expect(self.status).toBe(409);
    expect(await meStatus(tokens.admin)).toBe(200);
    expect(await auditCount('user.deactivated', me.body.user.id)).toBe(0);
  });

  it('records a failed sign-in of an existing account in its tenant', async () => {
    const user = await newUser();
    await signInAs(user.email);
    const res = await postJson('/api/auth/login', { email: user.email, password: 'wrong password' });
    expect(res.status).toBe(401);
    expect(await auditCount('auth.sign_in_failed', user.id)).toBe(1);
  });
});
