// Seeds a tenant's service setup for `npm run dev`, once per tenant and never over an admin's choice: while
// its service settings are still untouched ({}), opening hours Mon–Fri 08:00–18:00 and Sat 08:00–12:00 (if it
// has none), CSAT on, auto-close after 24 h, and one SLA policy per priority (if it has none). Not part of
// the test stacks' seed: their conversations would meet "after hours" at night.
import pg from 'pg';
import {
  BusinessHours,
  type ServiceSettings,
  ServiceSettings as Settings,
  type SlaPolicyInput,
} from '../workers/contract/routing';

export interface ServiceSeed {
  hours: BusinessHours;
  settings: ServiceSettings;
  policies: SlaPolicyInput[];
}

const WEEKDAY = [{ from: '08:00', to: '18:00' }];

const policy = (
  name: string,
  priority: 1 | 2 | 3 | 4 | 5,
  first: number,
  next: number,
  resolution: number,
): SlaPolicyInput => ({
  name,
  priority,
  teamId: null,
  channelId: null,
  firstResponseMinutes: first,
  nextResponseMinutes: next,
  resolutionMinutes: resolution,
});

export const DEMO_SERVICE: ServiceSeed = {
  hours: BusinessHours.parse({
    week: {
      mon: WEEKDAY,
      tue: WEEKDAY,
      wed: WEEKDAY,
      thu: WEEKDAY,
      fri: WEEKDAY,
      sat: [{ from: '08:00', to: '12:00' }],
    },
    holidays: [
      { date: '2026-12-25', name: 'Natal' },
      { date: '2027-01-01', name: 'Confraternização Universal' },
    ],
  }),
  settings: Settings.parse({
    csat: { enabled: true },
    autoClose: { enabled: true, minutes: 24 * 60 },
  }),
  // Business minutes: the most urgent answered in a quarter of an hour, the least in a working day.
  policies: [
    policy('Urgente', 5, 15, 30, 4 * 60),
    policy('Alta', 4, 30, 60, 8 * 60),
    policy('Normal', 3, 60, 120, 24 * 60),
    policy('Baixa', 2, 4 * 60, 8 * 60, 3 * 24 * 60),
    policy('Muito baixa', 1, 8 * 60, 24 * 60, 5 * 24 * 60),
  ],
};

/** Runs as the database owner, like the tenant seed. */
export async function seedService(ownerUrl: string, tenantId: string, spec: ServiceSeed): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('begin');
    // Settings still {} mean nobody (neither an admin nor an earlier seed) set this tenant up: only then.
    const fresh = await client.query(
      `update tenants set service_settings = $2::jsonb, business_hours = coalesce(business_hours, $3::jsonb)
       where id = $1 and service_settings = '{}'::jsonb returning id`,
      [tenantId, JSON.stringify(spec.settings), JSON.stringify(spec.hours)],
    );
    const existing = await client.query('select 1 from sla_policies where tenant_id = $1 limit 1', [
      tenantId,
    ]);
    if (fresh.rows.length > 0 && existing.rows.length === 0) {
      for (const p of spec.policies) {
        await client.query(
          `insert into sla_policies (tenant_id, name, priority, team_id, channel_id, first_response_minutes,
             next_response_minutes, resolution_minutes) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            tenantId,
            p.name,
            p.priority,
            p.teamId,
            p.channelId,
            p.firstResponseMinutes,
            p.nextResponseMinutes,
            p.resolutionMinutes,
          ],
        );
      }
    }
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}
