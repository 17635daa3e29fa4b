// The permission matrix, cell by cell, from the matrix itself: for every permission and every principal
// (owner, admin, supervisor, agent, a widget visitor) every route that declares the permission is called with
// that principal's credential, and answers 403 exactly where the matrix says no. Every route of the app must
// declare exactly one rule (a new route without one fails here), the public ones are an explicit list, and the
// README's table is the one generated from the matrix.
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasAdminScreens, screensOf } from '../../app/agent/admin/admin-screens';
import readme from '../../README.md?raw';
import { permissionsTable, withPermissionsTable } from '../../scripts/lib/permissions-table';
import { app } from '../../workers/app';
import type { AppEnv } from '../../workers/app-env';
import {
  PERMISSION_NAMES,
  type Permission,
  ROLES,
  roleCan,
  visitorCan,
} from '../../workers/contract/permissions';
import { authorize, publicRoute } from '../../workers/middleware/authorize';
import { fillPath, routesOf, routesWithoutOneRule, ruleOfRoute } from './app-routes';
import { api, call, errorCode, widgetSession } from './helpers';
import { type Person, tokenOf } from './sign-in';

type Who = (typeof ROLES)[number] | 'visitor';
const PRINCIPALS: readonly Who[] = [...ROLES, 'visitor'];
const PERSON: Record<(typeof ROLES)[number], Person> = {
  owner: 'owner',
  admin: 'admin',
  supervisor: 'supervisor',
  agent: 'agent',
};

/** Every route anyone may call without a credential, and why (a new public route is a visible change here). */
const PUBLIC_ROUTES = [
  'GET /health',
  'GET /ready',
  'POST /api/auth/login',
  'POST /api/auth/refresh',
  'POST /api/auth/logout',
  'POST /api/auth/2fa/enrolment',
  'POST /api/auth/2fa/enrolment/confirm',
  // Passwords: asking for a reset link (the same 202 whoever asks), and the two e-mailed-token routes.
  'POST /api/auth/password-reset',
  'POST /api/auth/password-reset/confirm',
  'POST /api/auth/invitations/accept',
  'POST /api/widget/sessions',
  // The widget's configuration (CORS: the channel's sites) and its frame document (frame-ancestors: the same).
  'GET /api/widget/channels/:id/config',
  'GET /widget/frame/:channelId',
  'GET /webhooks/whatsapp',
  'POST /webhooks/whatsapp',
  'POST /webhooks/evolution/:channelId',
  'POST /webhooks/uazapi/:channelId',
  // The public API's description and its reference page (no data; the API itself takes keys).
  'GET /api/v1/openapi.json',
  'GET /api/v1/docs',
];

/**
 * Permissions of issue 10 whose routes other parts of it add (2FA policy, API keys, audit list, LGPD). When
 * one arrives, the "every permission is enforced" test fails until it leaves this list.
 */
// Issue 16's foundation: the reports (part R1) and alerts (part O2) routes arrive with their parts.
const NOT_YET_ROUTED: readonly Permission[] = ['reports.read'];

const tokens = {} as Record<Who, string>;
let ownerId: string;

beforeAll(async () => {
  for (const role of ROLES) tokens[role] = await tokenOf(PERSON[role]);
  tokens.visitor = (await widgetSession('acme')).token;
  const me = await api<{ user: { id: string } }>('GET', '/api/me', tokens.owner);
  ownerId = me.body.user.id;
});

interface Probe {
  label: string;
  run: (token: string) => Promise<{ status: number; body: unknown }>;
}

/** Calls a route as its rule says credentials come (header or socket query), with made-up ids and `{}`. */
function routeProbe(method: string, path: string, credential: 'bearer' | 'socket'): Probe {
  // Unknown ids and an empty body: whoever gets past the check meets a 404 or 400, and nothing changes.
  const url = fillPath(path, (p) => (p === '*' ? 'nothing/here' : crypto.randomUUID()));
  return {
    label: `${method} ${path}`,
    run: async (token) => {
      if (credential === 'socket') {
        const res = await call(`${url}?token=${encodeURIComponent(token)}`, {
          headers: { upgrade: 'websocket' },
        });
        if (res.webSocket) {
          res.webSocket.accept();
          res.webSocket.close(1000, 'probe done');
        }
        const text = res.status === 101 ? '' : await res.text();
        return { status: res.status, body: text ? JSON.parse(text) : null };
      }
      return api(method, url, token, method === 'GET' ? undefined : {});
    },
  };
}

/** Rules enforced inside a service rather than by a route's declaration, probed through the route using them. */
const SERVICE_PROBES: Partial<Record<Permission, Probe[]>> = {
  'tickets.others': [
    {
      label: "POST /api/conversations/:id/ticket (priority of another agent's ticket)",
      run: async (token) => {
        // Held by the agent, or by the supervisor when the agent is the one asking.
        const holder = token === tokens.agent ? tokens.supervisor : tokens.agent;
        const { conversationId } = await widgetSession('acme');
        await api('POST', `/api/conversations/${conversationId}/ticket`, holder, { action: 'take' });
        return api('POST', `/api/conversations/${conversationId}/ticket`, token, {
          action: 'priority',
          priority: 4,
        });
      },
    },
  ],
  'owners.manage': [
    {
      label: 'PATCH /api/admin/users/:id (an owner, keeping the role)',
      run: (token) => api('PATCH', `/api/admin/users/${ownerId}`, token, { role: 'owner' }),
    },
  ],
};

function probesFor(permission: Permission): Probe[] {
  const routed = routesOf(app).flatMap((r) => {
    const rule = ruleOfRoute(r);
    // Routes for API keys only (/api/v1) take no role's token: api-v1.test.ts probes them with keys.
    return rule.kind === 'permission' && rule.permission === permission && rule.credential !== 'api_key'
      ? [routeProbe(r.method, r.path, rule.credential)]
      : [];
  });
  return [...routed, ...(SERVICE_PROBES[permission] ?? [])];
}

const allows = (who: Who, p: Permission) => (who === 'visitor' ? visitorCan(p) : roleCan(who, p));

describe('every route declares one rule', () => {
  it('has no route without a rule (or with two)', () => {
    expect(routesOf(app).length).toBeGreaterThan(30);
    expect(routesWithoutOneRule(app)).toEqual([]);
  });

  it('would notice a route without a rule', () => {
    const sample = new Hono<AppEnv>()
      .get('/ok', authorize('directory.read'), (c) => c.json({}))
      .get('/open', publicRoute('test'), (c) => c.json({}))
      .get('/forgotten', (c) => c.json({}))
      .post('/twice', publicRoute('a'), authorize('users.manage'), (c) => c.json({}));
    const parent = new Hono<AppEnv>().route('/', sample);
    expect(routesWithoutOneRule(parent)).toEqual(['GET /forgotten (0 rules)', 'POST /twice (2 rules)']);
  });

  it('is public exactly for the listed routes', () => {
    const open = routesOf(app)
      .filter((r) => ruleOfRoute(r).kind === 'public')
      .map((r) => `${r.method} ${r.path}`);
    expect(open.sort()).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('enforces every permission of the matrix somewhere (or lists it as awaiting its routes)', () => {
    const unenforced = PERMISSION_NAMES.filter((p) => probesFor(p).length === 0);
    expect(unenforced.sort()).toEqual([...NOT_YET_ROUTED].sort());
  });
});

describe('the matrix, cell by cell', () => {
  const cells = PERMISSION_NAMES.filter((p) => !NOT_YET_ROUTED.includes(p)).flatMap((p) =>
    PRINCIPALS.map((who) => ({ p, who, allowed: allows(who, p) })),
  );
  it.each(cells)('$p × $who → allowed: $allowed', async ({ p, who, allowed }) => {
    // Routes that end the caller's own sessions (logout-all) go last, with a fresh token once they ran.
    const ends = (probe: Probe) => /logout/.test(probe.label);
    const probes = [...probesFor(p)].sort((a, b) => Number(ends(a)) - Number(ends(b)));
    expect(probes.length).toBeGreaterThan(0);
    for (const probe of probes) {
      const res = await probe.run(tokens[who]);
      if (ends(probe) && who !== 'visitor') tokens[who] = await tokenOf(PERSON[who]);
      const where = `${probe.label} as ${who}: ${res.status} ${JSON.stringify(res.body)}`;
      if (allowed) {
        expect([401, 403], where).not.toContain(res.status);
      } else {
        expect(res.status, where).toBe(403);
        expect(errorCode(res.body), where).toBe('forbidden');
      }
    }
  });

  it('refuses every non-public route without a credential (401), before anything else', async () => {
    for (const r of routesOf(app)) {
      const rule = ruleOfRoute(r);
      if (rule.kind !== 'permission') continue;
      const url = fillPath(r.path, (p) => (p === '*' ? 'x' : crypto.randomUUID()));
      const res = await call(url, {
        method: r.method,
        headers: rule.credential === 'socket' ? { upgrade: 'websocket' } : {},
      });
      expect(res.status, `${r.method} ${r.path}`).toBe(401);
      await res.body?.cancel();
    }
  });
});

describe('the agent app', () => {
  it('offers the admin screens the matrix allows, from the same module', () => {
    const admins = [
      'users',
      'teams',
      'routing',
      'channels',
      'widget',
      'campaigns',
      'opt-outs',
      'canned',
      'knowledge',
      'erp',
      'ai',
      'bot-flow',
      'settings',
      'hours',
      'sla',
      'service',
      'outages',
      'api-keys',
      'webhooks',
      'audit',
      'sessions',
    ];
    expect(screensOf('owner')).toEqual(admins);
    expect(screensOf('admin')).toEqual(admins);
    expect(screensOf('supervisor')).toEqual([
      'teams',
      'routing',
      'channels',
      'campaigns',
      'opt-outs',
      'canned',
      'knowledge',
      'settings',
      'outages',
      'sessions',
    ]);
    expect(screensOf('agent')).toEqual([]);
    expect(ROLES.filter(hasAdminScreens)).toEqual(['owner', 'admin', 'supervisor']);
  });
});

describe('the README', () => {
  it('publishes the table generated from the matrix', () => {
    expect(readme).toContain(permissionsTable());
    expect(withPermissionsTable(readme)).toBe(readme);
  });
});
