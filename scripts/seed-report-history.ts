// Dev-only: 90 days of support history for the demo provider, so its Relatórios screen has numbers to read
// the first time someone opens it (before this, a fresh `npm run dev` showed "Sem dados no período" until
// people had worked tickets by hand). The history is the reports benchmark's generator (bench/reports:
// customers writing on WhatsApp and the widget, the bot solving some, hand-offs, agents' replies, CSAT,
// SLA, reopenings) at ~25 tickets a day, written into Postgres as the archive would have left it; the minute
// cron's rollup then builds the reports from those events like any others. It ends yesterday, so today
// belongs to whoever tries the demo. Idempotent: skipped when the tenant already has tickets older than today.
import pg from 'pg';
import { addDays, todayIn } from '../app/agent/admin/reports/report-range';
import { seedHistory } from './bench/reports/seed';

const DAYS = 90;
const TICKETS_PER_DAY = 25;

/** Seeds the history once; returns the tickets written (0 when the tenant already had history). */
export async function seedReportHistory(ownerUrl: string, tenantId: string): Promise<number> {
  const db = new pg.Client({ connectionString: ownerUrl });
  db.on('error', () => {});
  await db.connect();
  try {
    const tenant = (
      await db.query<{ timezone: string; old: boolean }>(
        `select timezone, exists (select 1 from tickets t where t.tenant_id = tenants.id
                                     and t.opened_at < now() - interval '1 day') as old
           from tenants where id = $1`,
        [tenantId],
      )
    ).rows[0];
    if (!tenant) throw new Error(`no tenant ${tenantId} to seed report history for`);
    if (tenant.old) return 0;
    const result = await seedHistory(
      db,
      {
        tenantId,
        zone: tenant.timezone,
        lastDay: addDays(todayIn(tenant.timezone, Date.now()), -1),
        days: DAYS,
        ticketsPerDay: TICKETS_PER_DAY,
        extraAgents: 0,
        seed: 90,
        label: 'demo',
      },
      () => {},
    );
    return result.tickets;
  } finally {
    await db.end();
  }
}
