// The flow checker: the shape (zod) and then what zod cannot see — step ids used twice, references to steps
// that do not exist, tool outcomes not mapped or not the tool's, steps nothing reaches, loops that never
// wait for the customer. Every issue names the step it is about and a readable path, so the admin's editor
// can put the message next to the field.
import type { z } from 'zod';
import { BotFlow, type FlowIssue, type FlowStep, TOOL_OUTCOMES } from '../contract';
import { clipText } from '../contract/text';
import { loops, stepReferences, unreachable } from './flow-graph';
import { normalise } from './text-match';

export type FlowCheck = { ok: true; flow: BotFlow } | { ok: false; issues: FlowIssue[] };

const ISSUES_MAX = 100;
const STEP_TYPES = ['message', 'menu', 'ask', 'tool', 'send_invoices', 'set', 'handoff', 'end', 'ai'];

/** ['steps', 3, 'options', 1, 'next'] → "steps[3].options[1].next". */
export function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out;
}

function rawStepId(input: unknown, index: number): string | null {
  const steps = (input as { steps?: unknown } | null)?.steps;
  const step = Array.isArray(steps) ? (steps[index] as { id?: unknown } | undefined) : undefined;
  const id = step?.id;
  return typeof id === 'string' && /^[a-z][a-z0-9_]{0,39}$/.test(id) ? id : null;
}

function rawStepType(input: unknown, index: number): unknown {
  const steps = (input as { steps?: unknown } | null)?.steps;
  return Array.isArray(steps) ? (steps[index] as { type?: unknown } | undefined)?.type : undefined;
}

function shapeIssues(input: unknown, error: z.ZodError): FlowIssue[] {
  return error.issues.slice(0, ISSUES_MAX).map((issue): FlowIssue => {
    const path = pathText(issue.path);
    const [first, index] = issue.path;
    if (first === 'steps' && typeof index === 'number') {
      const stepId = rawStepId(input, index);
      const where = stepId ? `step '${stepId}'` : `steps[${index}]`;
      const field = pathText(issue.path.slice(2));
      const type = rawStepType(input, index);
      if (
        issue.path.length <= 3 &&
        (field === '' || field === 'type') &&
        !STEP_TYPES.includes(String(type))
      ) {
        const shown = JSON.stringify(type ?? null);
        return {
          stepId,
          path: `steps[${index}].type`,
          message: `${where}: unknown step type ${shown} (expected one of ${STEP_TYPES.join(', ')})`,
          code: 'unknown_step_type',
          params: { type: clipText(shown, 200), expected: STEP_TYPES.join(', ') },
        };
      }
      return {
        stepId,
        path,
        message: `${where}${field ? ` → ${field}` : ''}: ${issue.message}`,
        code: 'invalid_value',
        params: { field: field || path, detail: clipText(issue.message, 300) },
      };
    }
    return {
      stepId: null,
      path,
      message: `${path || 'flow'}: ${issue.message}`,
      code: 'invalid_value',
      params: { field: path || 'flow', detail: clipText(issue.message, 300) },
    };
  });
}

function semanticIssues(flow: BotFlow): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const index = new Map<string, number>();
  flow.steps.forEach((s, i) => {
    const seen = index.get(s.id);
    if (seen !== undefined) {
      issues.push({
        stepId: s.id,
        path: `steps[${i}].id`,
        message: `step id '${s.id}' is used twice (steps[${seen}] and steps[${i}])`,
        code: 'duplicate_id',
        params: { id: s.id, first: String(seen + 1), second: String(i + 1) },
      });
    } else index.set(s.id, i);
  });
  const exists = (id: string) => index.has(id);
  for (const key of ['start', 'handoffStep', 'fallbackStep'] as const) {
    if (!exists(flow[key])) {
      issues.push({
        stepId: null,
        path: key,
        message: `${key} points at '${flow[key]}', which does not exist`,
        code: 'unknown_step',
        params: { field: key, target: flow[key] },
      });
    }
  }
  flow.steps.forEach((s, i) => {
    const at = (p: string) => `steps[${i}]${p ? `.${p}` : ''}`;
    for (const ref of stepReferences(s)) {
      if (!exists(ref.target)) {
        issues.push({
          stepId: s.id,
          path: at(ref.path),
          message: `step '${s.id}' → ${ref.what} points at '${ref.target}', which does not exist`,
          code: 'unknown_step',
          params: { step: s.id, field: ref.path, target: ref.target },
        });
      }
    }
    if (s.type === 'tool') {
      const outcomes: readonly string[] = TOOL_OUTCOMES[s.tool];
      for (const o of outcomes) {
        if (!(o in s.on)) {
          issues.push({
            stepId: s.id,
            path: at(`on.${o}`),
            message: `step '${s.id}' (${s.tool}) does not say where to go on outcome '${o}'`,
            code: 'missing_outcome',
            params: { step: s.id, tool: s.tool, outcome: o },
          });
        }
      }
      for (const o of Object.keys(s.on)) {
        if (!outcomes.includes(o)) {
          issues.push({
            stepId: s.id,
            path: at(`on.${o}`),
            message: `step '${s.id}' maps outcome '${o}', which ${s.tool} never returns (it returns ${outcomes.join(', ')})`,
            code: 'unknown_outcome',
            params: { step: s.id, tool: s.tool, outcome: clipText(o, 200), outcomes: outcomes.join(', ') },
          });
        }
      }
      if (s.tool === 'open_ticket') {
        if (!s.ticketText) {
          issues.push({
            stepId: s.id,
            path: at('ticketText'),
            message: `step '${s.id}' (open_ticket) needs the ticket's text`,
            code: 'missing_field',
            params: { step: s.id, field: 'ticketText' },
          });
        }
        if (!s.ticketKind) {
          issues.push({
            stepId: s.id,
            path: at('ticketKind'),
            message: `step '${s.id}' (open_ticket) needs the ticket's kind`,
            code: 'missing_field',
            params: { step: s.id, field: 'ticketKind' },
          });
        }
      }
    }
    if (s.type === 'ask' && s.input === 'yes_no' && s.noNext === undefined) {
      issues.push({
        stepId: s.id,
        path: at('noNext'),
        message: `step '${s.id}' (yes/no) does not say where a "não" goes`,
        code: 'missing_no_branch',
        params: { step: s.id },
      });
    }
    if (s.type === 'ask' && s.input !== 'yes_no' && s.noNext !== undefined) {
      issues.push({
        stepId: s.id,
        path: at('noNext'),
        message: `step '${s.id}': noNext is only for yes/no questions`,
        code: 'no_branch_not_yes_no',
        params: { step: s.id },
      });
    }
    if (s.type === 'menu') issues.push(...clashingOptions(s, at));
  });
  issues.push(...unreachable(flow, exists), ...loops(flow, index));
  return issues;
}

/** Two options answering to the same word: the customer typing it would always be asked again. */
function clashingOptions(s: Extract<FlowStep, { type: 'menu' }>, at: (p: string) => string): FlowIssue[] {
  const owner = new Map<string, number>();
  const issues: FlowIssue[] = [];
  s.options.forEach((o, i) => {
    for (const w of new Set([o.label, ...o.synonyms].map(normalise))) {
      const first = owner.get(w);
      if (first !== undefined && first !== i) {
        issues.push({
          stepId: s.id,
          path: at(`options[${i}]`),
          message: `step '${s.id}': options ${first + 1} and ${i + 1} both answer to '${w}'`,
          code: 'option_clash',
          params: { step: s.id, first: String(first + 1), second: String(i + 1), word: clipText(w, 200) },
        });
      } else owner.set(w, i);
    }
  });
  return issues;
}

/** A flow as stored or as the editor sends it: the flow itself, or every issue found (shape first). */
export function checkFlow(input: unknown): FlowCheck {
  const parsed = BotFlow.safeParse(input);
  if (!parsed.success) return { ok: false, issues: shapeIssues(input, parsed.error) };
  const issues = semanticIssues(parsed.data)
    .slice(0, ISSUES_MAX)
    .map((i) => ({ ...i, message: clipText(i.message, 500) }));
  return issues.length === 0 ? { ok: true, flow: parsed.data } : { ok: false, issues };
}
