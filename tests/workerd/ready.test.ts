// GET /ready lists every dependency it checks, each with ok and ms: the primary (which alone decides), the
// replica with its replay lag, the archive backlog from the metrics store, and the queues.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { setGaugePart } from '../../workers/observability/metrics';
import { call } from './helpers';

interface Check {
  name: string;
  ok: boolean;
  ms: number;
  required: boolean;
  backlog?: number;
  archiveLagSeconds?: number;
}

async function ready(): Promise<{ status: number; body: { ok: boolean; checks: Check[] } }> {
  const res = await call('/ready');
  return { status: res.status, body: (await res.json()) as { ok: boolean; checks: Check[] } };
}

describe('GET /ready', () => {
  it('reports each dependency it checks with ok and ms', async () => {
    const { status, body } = await ready();
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    const names = body.checks.map((c) => c.name);
    expect(names).toEqual(['postgres_primary', 'postgres_replica_1', 'archive_backlog', 'queues']);
    for (const check of body.checks) {
      expect(check.ok, check.name).toBe(true);
      expect(check.ms).toBeGreaterThanOrEqual(0);
    }
    expect(body.checks.filter((c) => c.required).map((c) => c.name)).toEqual(['postgres_primary']);
  });

  it('shows a conversation backlog waiting for Postgres, and its age growing', async () => {
    const tenant = crypto.randomUUID();
    setGaugePart(env, 'fio_outbox_backlog', tenant, crypto.randomUUID(), 12, Date.now() - 30_000);
    const first = (await ready()).body.checks.find((c) => c.name === 'archive_backlog');
    expect(first?.backlog).toBeGreaterThanOrEqual(12);
    expect(first?.archiveLagSeconds).toBeGreaterThanOrEqual(30);
  });
});
