// /health, /ready and the error envelope for unknown routes.
import { describe, expect, it } from 'vitest';
import { call } from './helpers';

describe('health and readiness', () => {
  it('answers /health', async () => {
    const res = await call('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('answers /ready when Postgres answers', async () => {
    const res = await call('/ready');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, postgres: 'up', checks: expect.any(Array) });
  });

  it('reports unknown routes with the error envelope and a request id', async () => {
    const res = await call('/nope', { headers: { 'x-request-id': 'req-12345678' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('req-12345678');
    expect(await res.json()).toEqual({
      error: { code: 'not_found', message: 'No such route', requestId: 'req-12345678' },
    });
  });
});
