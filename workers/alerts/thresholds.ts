// The alert rules' thresholds, in one place: defaults here, each overridable per deployment by an env var
// (workers/env.ts). A malformed value falls back to the default rather than silencing a rule.
import type { Env } from '../env';

export interface AlertThresholds {
  /** Events stored in conversation objects but not yet in Postgres, per tenant (sum over its objects). */
  outboxBacklog: number;
  /** Seconds between an event being stored and archived, per tenant (the worst shard). */
  archiveLagSeconds: number;
  /** Share of tickets under an SLA policy, opened or closed in the last hour, with a breached target. */
  slaBreachPercent: number;
  /** Below this many such tickets in the hour the rate says nothing (one late ticket is not 100 %). */
  slaMinTickets: number;
  /** Share of ERP calls failing since the last evaluation (a minute) … */
  erpErrorPercent: number;
  /** … among at least this many calls. */
  erpMinCalls: number;
  /** LLM failures since the last evaluation: the breaker opens after 3 in a minute (workers/ai/breaker.ts). */
  llmErrors: number;
}

export const DEFAULT_THRESHOLDS: AlertThresholds = {
  outboxBacklog: 1_000,
  archiveLagSeconds: 120,
  slaBreachPercent: 25,
  slaMinTickets: 10,
  erpErrorPercent: 50,
  erpMinCalls: 5,
  llmErrors: 3,
};

function num(raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  return Number.isFinite(value) && value >= min && value <= max ? value : fallback;
}

export function alertThresholds(env: Env): AlertThresholds {
  const d = DEFAULT_THRESHOLDS;
  return {
    outboxBacklog: num(env.ALERT_OUTBOX_BACKLOG, d.outboxBacklog, 1, 1e9),
    archiveLagSeconds: num(env.ALERT_ARCHIVE_LAG_SECONDS, d.archiveLagSeconds, 1, 1e7),
    slaBreachPercent: num(env.ALERT_SLA_BREACH_PERCENT, d.slaBreachPercent, 0, 100),
    slaMinTickets: num(env.ALERT_SLA_MIN_TICKETS, d.slaMinTickets, 1, 1e6),
    erpErrorPercent: num(env.ALERT_ERP_ERROR_PERCENT, d.erpErrorPercent, 1, 100),
    erpMinCalls: num(env.ALERT_ERP_MIN_CALLS, d.erpMinCalls, 1, 1e6),
    llmErrors: num(env.ALERT_LLM_ERRORS, d.llmErrors, 1, 1e6),
  };
}
