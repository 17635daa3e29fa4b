// The templates a campaign sends, checked against what Meta approved for its number: each must be synced for
// that channel, APPROVED, not rated RED, and take exactly as many parameters as the campaign gives sources.
// Checked at create, at every edit and again at start (a template may be paused or re-rated in between).
import { and, eq, or } from 'drizzle-orm';
import { channels, whatsappTemplates } from '../../drizzle/schema';
import type { CampaignTemplate } from '../contract';
import { templateParameterCount } from '../contract';
import { AppError } from '../errors';
import type { Queryable } from './db';

export interface Issue {
  path: string;
  message: string;
}

/** 400 with every issue, field by field, in the same shape zod's refusals have. */
export function invalid(issues: Issue[]): AppError {
  return new AppError('validation_failed', 'Invalid body', issues);
}

/** The campaign's channel: this tenant's live WhatsApp number (404 for none or another tenant's, 400 widget). */
export async function campaignChannel(tx: Queryable, tenantId: string, channelId: string) {
  const [row] = await tx
    .select({ id: channels.id, kind: channels.kind, removedAt: channels.removedAt })
    .from(channels)
    .where(and(eq(channels.tenantId, tenantId), eq(channels.id, channelId)))
    .limit(1);
  if (!row || row.removedAt) throw new AppError('not_found', 'Channel not found');
  if (row.kind === 'widget') {
    throw invalid([
      { path: 'channelId', message: 'campaigns go out from a WhatsApp number, not the site widget' },
    ]);
  }
  return row;
}

/** Refuses (400, naming `templates.<i>…`) any template that is not sendable as configured. */
export async function checkTemplates(
  tx: Queryable,
  tenantId: string,
  channelId: string,
  templates: readonly CampaignTemplate[],
): Promise<void> {
  const rows = await tx
    .select({
      name: whatsappTemplates.name,
      language: whatsappTemplates.language,
      status: whatsappTemplates.status,
      quality: whatsappTemplates.quality,
      body: whatsappTemplates.body,
    })
    .from(whatsappTemplates)
    .where(
      and(
        eq(whatsappTemplates.tenantId, tenantId),
        eq(whatsappTemplates.channelId, channelId),
        or(
          ...templates.map((t) =>
            and(eq(whatsappTemplates.name, t.name), eq(whatsappTemplates.language, t.language)),
          ),
        ),
      ),
    );
  const issues: Issue[] = [];
  templates.forEach((t, i) => {
    const row = rows.find((r) => r.name === t.name && r.language === t.language);
    const label = `${t.name} (${t.language})`;
    if (!row) {
      issues.push({ path: `templates.${i}.name`, message: `no template ${label} synced for this number` });
      return;
    }
    if (row.status !== 'APPROVED') {
      issues.push({
        path: `templates.${i}.name`,
        message: `template ${label} is ${row.status}, not APPROVED`,
      });
      return;
    }
    if (row.quality === 'RED') {
      issues.push({
        path: `templates.${i}.name`,
        message: `template ${label} has RED quality; Meta may block it`,
      });
      return;
    }
    const expected = templateParameterCount(row.body ?? '');
    if (expected === null) {
      issues.push({ path: `templates.${i}.name`, message: `template ${label} numbers a placeholder {{0}}` });
    } else if (expected !== t.variables.length) {
      issues.push({
        path: `templates.${i}.variables`,
        message: `template ${label} takes ${expected} variable(s), got ${t.variables.length}`,
      });
    }
  });
  if (issues.length > 0) throw invalid(issues);
}

/** The request's schedule must lie ahead (a minute of slack for clocks and typing). */
export function checkSchedule(scheduledAt: string | null | undefined, now = Date.now()): void {
  if (!scheduledAt) return;
  if (Date.parse(scheduledAt) < now - 60_000) {
    throw invalid([{ path: 'scheduledAt', message: 'the schedule is in the past' }]);
  }
}
