// Makes sure the bench measures real data: the year tenant's report (built by the product from the seeded
// event log) must count, per channel and in total, the tickets the `tickets` table holds for the same days,
// and the summary's total must equal the table's. The API reads a replica: asked again (bounded) until it
// has caught up.
import type pg from 'pg';
import type { ReportSummary, ReportTable } from '../../../workers/contract/reports';
import { ticketsOpened } from './rollup';

export interface DataCheck {
  what: string;
  api: number;
  postgres: number;
  ok: boolean;
}

async function getJson<T>(base: string, token: string, path: string): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(60_000),
  });
  if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

export async function checkData(opts: {
  base: string;
  token: string;
  db: pg.Client;
  tenantId: string;
  zone: string;
  range: { from: string; to: string };
  label: string;
}): Promise<DataCheck[]> {
  const q = `from=${opts.range.from}&to=${opts.range.to}`;
  const expected = await ticketsOpened(opts.db, opts.tenantId, opts.zone, opts.range);
  const total = [...expected.values()].reduce((a, b) => a + b, 0);
  let checks: DataCheck[] = [];
  const deadline = Date.now() + 60_000;
  do {
    const summary = await getJson<ReportSummary>(opts.base, opts.token, `/api/reports/summary?${q}`);
    const table = await getJson<ReportTable>(
      opts.base,
      opts.token,
      `/api/reports/table?${q}&dimension=channel`,
    );
    checks = [
      {
        what: `${opts.label}: tickets opened (summary)`,
        api: summary.current.ticketsOpened,
        postgres: total,
        ok: false,
      },
      {
        what: `${opts.label}: tickets opened (channel table total)`,
        api: table.totals.current.ticketsOpened,
        postgres: total,
        ok: false,
      },
      ...[...expected].map(([channel, n]) => ({
        what: `${opts.label}: tickets opened on channel ${channel.slice(0, 8)}`,
        api: table.rows.find((r) => r.key === channel)?.current.ticketsOpened ?? 0,
        postgres: n,
        ok: false,
      })),
    ];
    for (const c of checks) c.ok = c.api === c.postgres;
    if (checks.every((c) => c.ok)) break;
    await new Promise((r) => setTimeout(r, 2_000));
  } while (Date.now() < deadline);
  return checks;
}
