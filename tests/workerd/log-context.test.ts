// Structured logs carry the request's context: the request id (the one the error envelope and X-Request-Id
// carry) and, once authentication knows it, the tenant. Captured from console output inside workerd.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACME } from '../support/fixtures';
import { call, login } from './helpers';

const [admin] = ACME.users as [(typeof ACME.users)[number]];

function captured(spies: ReturnType<typeof vi.spyOn>[]): Record<string, unknown>[] {
  return spies
    .flatMap((s) => s.mock.calls.map((args: unknown[]) => String(args[0])))
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('log context', () => {
  it('an authenticated request logs its request id and tenant; the envelope has the same id', async () => {
    const { token, tenantId } = await login(admin.email, admin.password);
    const spies = [vi.spyOn(console, 'log'), vi.spyOn(console, 'warn'), vi.spyOn(console, 'error')];
    const requestId = `log-ctx-${crypto.randomUUID()}`;
    const res = await call(`/api/conversations/${crypto.randomUUID()}/channel`, {
      headers: { authorization: `Bearer ${token}`, 'x-request-id': requestId },
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    const envelope = (await res.json()) as { error: { requestId: string } };
    expect(envelope.error.requestId).toBe(requestId);
    const line = captured(spies).find((l) => l.msg === 'request' && l.requestId === requestId);
    expect(line).toMatchObject({ requestId, tenantId, status: res.status });
  });

  it('an anonymous request logs its request id and no tenant', async () => {
    const spies = [vi.spyOn(console, 'log'), vi.spyOn(console, 'warn')];
    const requestId = `log-ctx-${crypto.randomUUID()}`;
    await call('/nope', { headers: { 'x-request-id': requestId } });
    const line = captured(spies).find((l) => l.msg === 'request' && l.requestId === requestId);
    expect(line?.requestId).toBe(requestId);
    expect(line?.tenantId).toBeUndefined();
  });
});
