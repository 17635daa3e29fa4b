// Pure helpers of the flow editor: where each step goes, new steps of each type, renaming a step together
// with every reference to it, and the server's issues grouped by step and field.
import {
  type BotFlow,
  type FlowIssue,
  type FlowStep,
  type FlowStepType,
  StepId,
  TOOL_OUTCOMES,
  type ToolName,
} from '../../../../workers/contract';
import { issueText } from './issue-text';

export type StepOf<T extends FlowStepType> = Extract<FlowStep, { type: T }>;

export const STEP_TYPES: readonly FlowStepType[] = [
  'message',
  'menu',
  'ask',
  'tool',
  'send_invoices',
  'set',
  'handoff',
  'end',
  'ai',
];

/** Every step id a step points at, with the field that names it (`next`, `options.0.next`, `on.ok` …). */
export function targetsOf(step: FlowStep): { path: string; target: string }[] {
  switch (step.type) {
    case 'message':
    case 'send_invoices':
    case 'set':
      return [{ path: 'next', target: step.next }];
    case 'menu':
      return [
        ...step.options.map((o, i) => ({ path: `options.${i}.next`, target: o.next })),
        { path: 'onFail', target: step.onFail },
      ];
    case 'ask':
      return [
        { path: 'next', target: step.next },
        ...(step.noNext !== undefined ? [{ path: 'noNext', target: step.noNext }] : []),
        { path: 'onFail', target: step.onFail },
      ];
    case 'tool':
      return Object.entries(step.on).map(([outcome, target]) => ({ path: `on.${outcome}`, target }));
    case 'ai':
      return [{ path: 'fallback', target: step.fallback }];
    case 'handoff':
    case 'end':
      return [];
  }
}

/** How many steps (and flow-wide fields) point at `id`. */
export function referencesTo(flow: BotFlow, id: string): number {
  const steps = flow.steps.filter((s) => s.id !== id && targetsOf(s).some((t) => t.target === id)).length;
  const globals = [flow.start, flow.handoffStep, flow.fallbackStep].filter((g) => g === id).length;
  return steps + globals;
}

const swap = (value: string, from: string, to: string) => (value === from ? to : value);

/** The flow with step `from` called `to`, every reference included. */
export function renameStep(flow: BotFlow, from: string, to: string): BotFlow {
  const s = (v: string) => swap(v, from, to);
  const steps = flow.steps.map((step): FlowStep => {
    const id = s(step.id);
    switch (step.type) {
      case 'message':
      case 'send_invoices':
      case 'set':
        return { ...step, id, next: s(step.next) };
      case 'menu':
        return {
          ...step,
          id,
          onFail: s(step.onFail),
          options: step.options.map((o) => ({ ...o, next: s(o.next) })),
        };
      case 'ask':
        return {
          ...step,
          id,
          next: s(step.next),
          onFail: s(step.onFail),
          ...(step.noNext !== undefined ? { noNext: s(step.noNext) } : {}),
        };
      case 'tool':
        return { ...step, id, on: Object.fromEntries(Object.entries(step.on).map(([k, v]) => [k, s(v)])) };
      case 'ai':
        return { ...step, id, fallback: s(step.fallback) };
      default:
        return { ...step, id }; // handoff, end: no targets
    }
  });
  return {
    ...flow,
    steps,
    start: s(flow.start),
    handoffStep: s(flow.handoffStep),
    fallbackStep: s(flow.fallbackStep),
  };
}

/** A fresh id: `base`, or `base_2`, `base_3` … whichever is free. */
export function freeId(flow: BotFlow, base: string): string {
  const taken = new Set(flow.steps.map((s) => s.id));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}

export function validStepId(id: string): boolean {
  return StepId.safeParse(id).success;
}

/** Outcome → step for a tool, keeping what was mapped and pointing the rest at `fallback`. */
export function outcomeMap(
  tool: ToolName,
  on: Record<string, string>,
  fallback: string,
): Record<string, string> {
  return Object.fromEntries(TOOL_OUTCOMES[tool].map((o) => [o, on[o] ?? fallback]));
}

/** A new step of `type` whose targets point at `to` (the flow's fallback step, usually). */
export function newStep(type: FlowStepType, id: string, to: string, pt: boolean): FlowStep {
  const say = (p: string, e: string) => (pt ? p : e);
  const invalidText = say('Não entendi. Pode repetir?', "Sorry, I didn't get that. Could you repeat?");
  switch (type) {
    case 'message':
      return { id, type, text: say('Escreva a mensagem aqui.', 'Write the message here.'), next: to };
    case 'menu':
      return {
        id,
        type,
        text: say('Escolha uma opção:', 'Choose an option:'),
        options: [{ label: say('Falar com atendente', 'Talk to an agent'), synonyms: [], next: to }],
        invalidText,
        maxAttempts: 3,
        onFail: to,
      };
    case 'ask':
      return {
        id,
        type,
        input: 'text',
        text: say('Pode me dizer…?', 'Could you tell me…?'),
        invalidText,
        saveAs: 'resposta',
        maxAttempts: 3,
        onFail: to,
        next: to,
      };
    case 'tool':
      return { id, type, tool: 'find_customer', on: outcomeMap('find_customer', {}, to) };
    case 'send_invoices':
      return { id, type, parts: ['digitable_line', 'pix', 'pdf'], next: to };
    case 'set':
      return { id, type, tags: [], next: to };
    case 'handoff':
      return {
        id,
        type,
        text: say('Vou te passar para um atendente.', "I'll pass you to an agent."),
        teamId: null,
        reason: say('pedido do cliente', 'customer asked'),
      };
    case 'end':
      return { id, type, text: say('Obrigado pelo contato!', 'Thanks for reaching out!'), resolved: true };
    case 'ai':
      return { id, type, fallback: to, handoffTeamId: null };
  }
}

/** A flow to start from when the tenant has none yet: a menu and a hand-off. */
export function starterFlow(pt: boolean): BotFlow {
  const menu = newStep('menu', 'menu', 'atendente', pt);
  const handoff = newStep('handoff', 'atendente', 'atendente', pt);
  return {
    schema: 1,
    name: pt ? 'Atendimento' : 'Support',
    greeting: pt ? 'Olá! Seu protocolo é {{protocol}}.' : 'Hello! Your protocol number is {{protocol}}.',
    start: 'menu',
    steps: [menu, handoff],
    handoffKeywords: pt ? ['atendente', 'humano'] : ['agent', 'human'],
    handoffStep: 'atendente',
    fallbackStep: 'atendente',
  };
}

// ---- issues ------------------------------------------------------------------------------------------------

/** An issue's field path inside its step, dotted: `steps[3].options[1].next` → `options.1.next`. */
export function localPath(issue: FlowIssue): string {
  return issue.path
    .replace(/^steps\[\d+\]\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '');
}

/** Issues by step id ('' for the flow's own fields). */
export function issuesByStep(issues: readonly FlowIssue[]): Map<string, FlowIssue[]> {
  const out = new Map<string, FlowIssue[]>();
  for (const issue of issues) {
    const key = issue.stepId ?? '';
    out.set(key, [...(out.get(key) ?? []), issue]);
  }
  return out;
}

/** The words for a field (in the admin's language): an issue whose path is the field or inside it. */
export function fieldIssue(issues: readonly FlowIssue[] | undefined, field: string): string | undefined {
  const hit = issues?.find((i) => {
    const p = localPath(i);
    return p === field || p.startsWith(`${field}.`);
  });
  return hit ? issueText(hit) : undefined;
}
