// What each step does when the flow reaches it (`enter`) and with the customer's reply (`answer`). Both
// return the next step to run now, or null when the bot waits (for the customer, a tool or the model) or
// has stopped (hand-off, end).
import type { FlowStep } from '../contract';
import { clipText, isBlankText } from '../contract/text';
import { maskDocument, validDocument } from './documents';
import { sendInvoices } from './invoices';
import { type MatchOption, matchOption, optionNumber } from './menu-match';
import { choiceTitle, type Turn } from './session';
import { parseYesNo } from './text-match';
import { type ContractData, CustomerData } from './tool-data';
import { applyResult, buildCall, chooseContract } from './tool-steps';

type Step<K extends FlowStep['type']> = Extract<FlowStep, { type: K }>;

const STATUS: Record<'pt-BR' | 'en', Record<string, string>> = {
  'pt-BR': {
    active: 'ativo',
    reduced: 'velocidade reduzida',
    suspended: 'suspenso',
    cancelled: 'cancelado',
    inactive: 'inativo',
  },
  en: {
    active: 'active',
    reduced: 'reduced speed',
    suspended: 'suspended',
    cancelled: 'cancelled',
    inactive: 'inactive',
  },
};

function contracts(turn: Turn): ContractData[] {
  const c = CustomerData.safeParse(turn.data.customer);
  return c.success ? c.data.contracts : [];
}

function contractLabel(turn: Turn, c: ContractData): string {
  const status = STATUS[turn.ctx.locale][c.status] ?? c.status;
  return `${c.plan || c.id} (${status})`;
}

/** The menu's text with its numbered options, and the same options as interactive choices. */
function showOptions(turn: Turn, stepId: string, text: string, labels: string[]): void {
  const lines = labels.map((l, i) => `${i + 1}. ${l}`).join('\n');
  turn.sayRaw(
    `${turn.render(text)}\n\n${lines}`,
    labels.map((l, i) => ({ id: `${stepId}.${i + 1}`, title: choiceTitle(l) })),
  );
}

function yesNoChoices(turn: Turn, stepId: string): { id: string; title: string }[] {
  return [
    { id: `${stepId}.yes`, title: turn.en() ? 'Yes' : 'Sim' },
    { id: `${stepId}.no`, title: turn.en() ? 'No' : 'Não' },
  ];
}

/** Show (or show again) what a waiting step asks. */
export function prompt(turn: Turn, step: Step<'menu'> | Step<'ask'>): void {
  if (step.type === 'menu') {
    showOptions(
      turn,
      step.id,
      step.text,
      step.options.map((o) => o.label),
    );
  } else if (step.input === 'contract') {
    showOptions(
      turn,
      step.id,
      step.text,
      contracts(turn).map((c) => contractLabel(turn, c)),
    );
  } else if (step.input === 'yes_no') {
    turn.say(step.text, yesNoChoices(turn, step.id));
  } else {
    turn.say(step.text);
  }
}

export function enter(turn: Turn, step: FlowStep): string | null {
  switch (step.type) {
    case 'message':
      turn.say(step.text);
      return step.next;
    case 'menu': {
      const early = takeEarly(turn, step);
      if (early) return early;
      prompt(turn, step);
      return null;
    }
    case 'ask': {
      if (step.input === 'contract') {
        const list = contracts(turn);
        if (list.length === 0) return step.onFail;
        if (list.length === 1) {
          chooseContract(turn, list[0] as ContractData);
          turn.state.vars[step.saveAs] = (list[0] as ContractData).id;
          return step.next;
        }
      }
      prompt(turn, step);
      return null;
    }
    case 'tool': {
      const call = buildCall(turn, step);
      if (call.kind === 'skip') {
        turn.problems.push(call.problem);
        applyResult(turn, step.tool, call.outcome, null);
        return step.on[call.outcome] ?? turn.flow.fallbackStep;
      }
      const seq = (turn.data.seq ?? 0) + 1;
      turn.data.seq = seq;
      const callId = `${step.id}:${seq}`;
      turn.data.pending = { kind: 'tool', callId, tool: step.tool, stepId: step.id };
      turn.actions.push({ kind: 'call_tool', callId, tool: call.tool, args: call.args, demand: call.demand });
      return null;
    }
    case 'send_invoices':
      sendInvoices(turn, step);
      return step.next;
    case 'set': {
      const action: { kind: 'set_ticket'; tags?: string[]; priority?: number; teamId?: string | null } = {
        kind: 'set_ticket',
      };
      if (step.tags) action.tags = step.tags;
      if (step.priority !== undefined) action.priority = step.priority;
      if (step.teamId !== undefined) action.teamId = step.teamId;
      turn.actions.push(action);
      return step.next;
    }
    case 'handoff': {
      turn.say(step.text);
      const teamId = step.teamId ?? turn.data.handoffTeamId ?? null;
      turn.actions.push({
        kind: 'handoff',
        teamId,
        reason: turn.data.handoffReason ?? turn.render(step.reason),
      });
      stop(turn, 'handed_off');
      return null;
    }
    case 'end':
      turn.say(step.text);
      turn.actions.push({ kind: 'end', resolved: step.resolved });
      stop(turn, 'ended');
      return null;
    case 'ai':
      if (!turn.ctx.aiEnabled) return step.fallback;
      if (step.text) turn.say(step.text);
      return null;
  }
}

/** The option an earlier message asked for, at the first menu after it (a bare number is not taken). */
function takeEarly(turn: Turn, step: Step<'menu'>): string | null {
  const early = turn.data.early;
  if (early === undefined) return null;
  delete turn.data.early;
  if (optionNumber(early) !== null) return null;
  const m = matchOption(early, step.options);
  const option = m.kind === 'option' ? step.options[m.index] : undefined;
  if (!option) return null;
  turn.sayRaw(turn.en() ? `Sure: ${option.label}.` : `Certo: ${option.label}.`);
  return option.next;
}

export function stop(turn: Turn, phase: 'handed_off' | 'ended'): void {
  turn.state.phase = phase;
  turn.state.stepId = null;
  turn.state.attempts = 0;
  delete turn.data.pending;
}

/** The option a reply picks: an interactive choice of this step by id, else the free text matched. */
function pick(
  stepId: string,
  text: string,
  choiceId: string | null | undefined,
  options: MatchOption[],
): number | null {
  const prefix = `${stepId}.`;
  if (choiceId?.startsWith(prefix)) {
    const n = Number(choiceId.slice(prefix.length));
    if (Number.isInteger(n) && n >= 1 && n <= options.length) return n - 1;
  }
  const m = matchOption(text, options);
  return m.kind === 'option' ? m.index : null;
}

/** The next step for a reply to a waiting step, or 'invalid' (the step's invalidText, or onFail). */
export function answer(
  turn: Turn,
  step: Step<'menu'> | Step<'ask'>,
  text: string,
  choiceId: string | null | undefined,
): string | 'invalid' {
  const { vars } = turn.state;
  if (step.type === 'menu') {
    const i = pick(step.id, text, choiceId, step.options);
    return i === null ? 'invalid' : (step.options[i]?.next ?? 'invalid');
  }
  switch (step.input) {
    case 'cpf_cnpj': {
      const doc = validDocument(text);
      if (!doc) return 'invalid';
      vars[step.saveAs] = doc;
      vars['customer.document'] = maskDocument(doc);
      const docs = (turn.data.documentVars ?? []).filter((v) => v !== step.saveAs);
      turn.data.documentVars = [...docs, step.saveAs];
      return step.next;
    }
    case 'yes_no': {
      const yn =
        choiceId === `${step.id}.yes` ? 'yes' : choiceId === `${step.id}.no` ? 'no' : parseYesNo(text);
      if (yn === null) return 'invalid';
      vars[step.saveAs] = yn === 'yes' ? 'sim' : 'nao';
      return yn === 'yes' ? step.next : (step.noNext ?? step.next);
    }
    case 'contract': {
      const list = contracts(turn);
      const options = list.map((c) => ({
        label: contractLabel(turn, c),
        synonyms: [c.plan, c.id, `contrato ${c.id}`],
      }));
      const i = pick(step.id, text, choiceId, options);
      const chosen = i === null ? undefined : list[i];
      if (!chosen) return 'invalid';
      chooseContract(turn, chosen);
      vars[step.saveAs] = chosen.id;
      return step.next;
    }
    case 'text': {
      if (isBlankText(text)) return 'invalid';
      vars[step.saveAs] = clipText(text.trim(), 500);
      return step.next;
    }
  }
}
