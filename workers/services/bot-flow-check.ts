// A flow as this tenant may store it: the text rule on every string, the bot's own checker (shape, references,
// tool outcomes…), then what only the database knows: every team a step names is one of this tenant's teams.
// Each problem is a FlowIssue pointing at its step, so the editor can show it on the card and field.
import { and, eq, inArray } from 'drizzle-orm';
import { teams } from '../../drizzle/schema';
import { checkFlow, pathText } from '../bot/flow-check';
import { type BotFlow, type FlowIssue, isStorableText, TEXT_NOT_STORABLE } from '../contract';
import type { Tx } from './db';

export type TenantFlowCheck = { ok: true; flow: BotFlow } | { ok: false; issues: FlowIssue[] };

/** At most this many issues go back (a pasted flow of garbage should not answer with thousands). */
const ISSUES_MAX = 100;

export async function checkTenantFlow(tx: Tx, tenantId: string, input: unknown): Promise<TenantFlowCheck> {
  const textIssues = unstorableStrings(input);
  if (textIssues.length > 0) return { ok: false, issues: textIssues.slice(0, ISSUES_MAX) };
  const checked = checkFlow(input);
  if (!checked.ok) return { ok: false, issues: checked.issues.slice(0, ISSUES_MAX) };
  const teamIssues = await foreignTeams(tx, tenantId, checked.flow);
  return teamIssues.length > 0 ? { ok: false, issues: teamIssues } : checked;
}

/** Strings Postgres (jsonb) or our renderers refuse, anywhere in the posted value (keys included). */
function unstorableStrings(input: unknown): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const walk = (value: unknown, path: (string | number)[], depth: number): void => {
    if (issues.length >= ISSUES_MAX || depth > 20) return;
    if (typeof value === 'string') {
      if (!isStorableText(value)) issues.push(issueAt(input, path, TEXT_NOT_STORABLE));
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => {
        walk(v, [...path, i], depth + 1);
      });
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (!isStorableText(k)) issues.push(issueAt(input, path, TEXT_NOT_STORABLE));
        else walk(v, [...path, k], depth + 1);
      }
    }
  };
  walk(input, [], 0);
  return issues;
}

/** An issue at a path of the raw input (`steps[3].text`, as the checker writes paths), naming its step. */
function issueAt(input: unknown, path: (string | number)[], message: string): FlowIssue {
  let stepId: string | null = null;
  if (path[0] === 'steps' && typeof path[1] === 'number') {
    const step = (input as { steps: unknown[] }).steps[path[1]] as { id?: unknown } | undefined;
    stepId = typeof step?.id === 'string' && /^[a-z][a-z0-9_]{0,39}$/.test(step.id) ? step.id : null;
  }
  const where = pathText(path) || 'flow';
  return {
    stepId,
    path: pathText(path),
    message: `${where}: ${message}`,
    code: 'text_not_storable',
    params: { field: where },
  };
}

/** Where a flow names a team: a set step's team, a hand-off's team, an AI step's hand-off team. */
function teamRefs(flow: BotFlow): { stepId: string; path: string; teamId: string }[] {
  const refs: { stepId: string; path: string; teamId: string }[] = [];
  flow.steps.forEach((step, i) => {
    if ((step.type === 'set' || step.type === 'handoff') && step.teamId) {
      refs.push({ stepId: step.id, path: `steps[${i}].teamId`, teamId: step.teamId });
    } else if (step.type === 'ai' && step.handoffTeamId) {
      refs.push({ stepId: step.id, path: `steps[${i}].handoffTeamId`, teamId: step.handoffTeamId });
    }
  });
  return refs;
}

/** Team ids that are not this tenant's (another tenant's look exactly like made-up ones: we cannot see them). */
async function foreignTeams(tx: Tx, tenantId: string, flow: BotFlow): Promise<FlowIssue[]> {
  const refs = teamRefs(flow);
  if (refs.length === 0) return [];
  const ids = [...new Set(refs.map((r) => r.teamId))];
  const found = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.tenantId, tenantId), inArray(teams.id, ids)));
  const own = new Set(found.map((t) => t.id));
  return refs
    .filter((r) => !own.has(r.teamId))
    .map((r) => ({
      stepId: r.stepId,
      path: r.path,
      message: `step '${r.stepId}' → ${r.path.replace(/^steps\[\d+\]\./, '')}: not a team of this provider`,
      code: 'foreign_team' as const,
      params: { step: r.stepId, field: r.path.replace(/^steps\[\d+\]\./, '') },
    }));
}
