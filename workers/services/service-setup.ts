// A tenant's service setup in one read: settings (CSAT, auto-close, after-hours, grace, default capacity),
// opening hours (tenant and per team), teams' routing, agents' capacities and team memberships, SLA policies.
// Read by the tenant inbox (routing) and by conversation objects (SLA, CSAT, timers); the write side is the
// admin routes, which tell the inbox to read again (`routingChanged`).
import { sql } from 'drizzle-orm';
import {
  BusinessHours,
  type RoutingMode,
  readServiceSettings,
  type ServiceSettings,
  type SlaPolicy,
} from '../contract';
import { type Database, inTenant } from './db';

export interface TeamSetup {
  id: string;
  name: string;
  mode: RoutingMode;
  defaultCapacity: number | null;
  requeueOfflineSeconds: number | null;
  requeueUnansweredMinutes: number | null;
  businessHours: BusinessHours | null;
  memberIds: string[];
}

export interface AgentSetup {
  id: string;
  name: string;
  capacity: number | null;
  teamIds: string[];
}

export interface ServiceSetup {
  tenantId: string;
  timezone: string;
  /** The tenant's language for automatic messages to customers (CSAT, auto-close, after hours). */
  locale: 'pt-BR' | 'en';
  settings: ServiceSettings;
  /** The tenant's opening hours; null: always open. */
  businessHours: BusinessHours | null;
  teams: TeamSetup[];
  /** Active (not deactivated, not pending invitation) users, by name. */
  agents: AgentSetup[];
  slaPolicies: SlaPolicy[];
}

/** Stored hours that no longer parse (a hand edit, an older shape) count as "always open", never as an error. */
function hoursOf(raw: unknown): BusinessHours | null {
  if (raw === null || raw === undefined) return null;
  const parsed = BusinessHours.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export async function loadServiceSetup(db: Database, tenantId: string): Promise<ServiceSetup> {
  return inTenant(db, tenantId, async (tx) => {
    const tenant = await tx.execute<{
      timezone: string;
      locale: string;
      service_settings: unknown;
      business_hours: unknown;
    }>(
      sql`select timezone, locale, service_settings, business_hours from tenants where id = ${tenantId}::uuid`,
    );
    const teams = await tx.execute<{
      id: string;
      name: string;
      routing_mode: RoutingMode;
      default_capacity: number | null;
      requeue_offline_seconds: number | null;
      requeue_unanswered_minutes: number | null;
      business_hours: unknown;
      member_ids: string[] | null;
    }>(sql`select t.id, t.name, t.routing_mode, t.default_capacity, t.requeue_offline_seconds,
        t.requeue_unanswered_minutes, t.business_hours,
        (select array_agg(m.user_id) from team_members m where m.team_id = t.id) as member_ids
      from teams t where t.tenant_id = ${tenantId}::uuid order by lower(t.name)`);
    const agents = await tx.execute<{
      id: string;
      name: string;
      capacity: number | null;
      team_ids: string[] | null;
    }>(sql`select u.id, u.name, u.capacity,
        (select array_agg(m.team_id) from team_members m where m.user_id = u.id) as team_ids
      from users u where u.tenant_id = ${tenantId}::uuid and u.deactivated_at is null
        and u.password_hash is not null order by u.name`);
    const policies = await tx.execute<{
      id: string;
      name: string;
      priority: number | null;
      team_id: string | null;
      channel_id: string | null;
      first_response_minutes: number | null;
      next_response_minutes: number | null;
      resolution_minutes: number | null;
    }>(sql`select id, name, priority, team_id, channel_id, first_response_minutes, next_response_minutes,
        resolution_minutes from sla_policies where tenant_id = ${tenantId}::uuid order by created_at`);
    const row = tenant.rows[0];
    if (!row) throw new Error('tenant not found');
    return {
      tenantId,
      timezone: row.timezone,
      locale: row.locale === 'en' ? 'en' : 'pt-BR',
      settings: readServiceSettings(row.service_settings),
      businessHours: hoursOf(row.business_hours),
      teams: teams.rows.map((t) => ({
        id: t.id,
        name: t.name,
        mode: t.routing_mode,
        defaultCapacity: t.default_capacity,
        requeueOfflineSeconds: t.requeue_offline_seconds,
        requeueUnansweredMinutes: t.requeue_unanswered_minutes,
        businessHours: hoursOf(t.business_hours),
        memberIds: t.member_ids ?? [],
      })),
      agents: agents.rows.map((a) => ({
        id: a.id,
        name: a.name,
        capacity: a.capacity,
        teamIds: a.team_ids ?? [],
      })),
      slaPolicies: policies.rows.map((p) => ({
        id: p.id,
        name: p.name,
        priority: p.priority,
        teamId: p.team_id,
        channelId: p.channel_id,
        firstResponseMinutes: p.first_response_minutes,
        nextResponseMinutes: p.next_response_minutes,
        resolutionMinutes: p.resolution_minutes,
      })),
    };
  });
}

/** The hours that apply to a team's conversations (its own, else the tenant's) and the zone they are read in. */
export function hoursFor(
  setup: ServiceSetup,
  teamId: string | null,
): { hours: BusinessHours; timezone: string } | null {
  const team = teamId ? setup.teams.find((t) => t.id === teamId) : undefined;
  const hours = team?.businessHours ?? setup.businessHours;
  if (!hours) return null;
  return { hours, timezone: hours.timezone ?? setup.timezone };
}

/** An agent's capacity: their own, else the lowest default among their teams that set one, else the tenant's. */
export function capacityOf(setup: ServiceSetup, agentId: string): number {
  const agent = setup.agents.find((a) => a.id === agentId);
  if (!agent) return 0;
  if (agent.capacity !== null) return agent.capacity;
  const teamDefaults = setup.teams
    .filter((t) => agent.teamIds.includes(t.id) && t.defaultCapacity !== null)
    .map((t) => t.defaultCapacity as number);
  return teamDefaults.length > 0 ? Math.min(...teamDefaults) : setup.settings.defaultCapacity;
}
