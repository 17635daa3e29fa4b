// A customer's side of a conversation with the pure bot engine: inputs fed one by one (messages, fake tool
// and model results), every action kept, and what the customer was told collected. No I/O.
import { expect } from 'vitest';
import { advance, initialBotState } from '../../workers/bot/engine';
import type { BotAction, BotContext, BotInput, BotState } from '../../workers/bot/engine-types';
import type { BotFlow, ToolName, ToolOutcome } from '../../workers/contract';

export const TEAMS = {
  financeiro: '00000000-0000-4000-8000-0000000000f1',
  suporte: '00000000-0000-4000-8000-0000000000f2',
  comercial: '00000000-0000-4000-8000-0000000000f3',
};

export const CONTEXT: BotContext = {
  now: new Date('2026-12-03T12:00:00Z'),
  protocol: '20261203000042',
  phone: '+5511987650000',
  locale: 'pt-BR',
  aiEnabled: false,
};

/** Valid documents (check digits right) used across the bot tests. */
export const CPF = '52998224725';
export const CNPJ = '11222333000181';

type CallTool = Extract<BotAction, { kind: 'call_tool' }>;

export class Chat {
  state: BotState = initialBotState();
  /** Every action of every turn, in order. */
  readonly all: BotAction[] = [];
  /** The last turn's actions. */
  last: BotAction[] = [];
  problems: string[] = [];

  constructor(
    readonly flow: BotFlow,
    readonly context: BotContext = CONTEXT,
  ) {}

  feed(input: BotInput): BotAction[] {
    const turn = advance(this.flow, this.state, input, this.context);
    this.state = turn.state;
    this.last = turn.actions;
    this.all.push(...turn.actions);
    this.problems.push(...(turn.problems ?? []));
    return turn.actions;
  }

  start(): BotAction[] {
    return this.feed({ kind: 'start' });
  }

  send(text: string, choiceId?: string): BotAction[] {
    return this.feed({ kind: 'message', text, choiceId });
  }

  /** The call the last turn asked for (fails the test when there is none). */
  pendingCall(tool?: ToolName): CallTool {
    const call = this.last.find((a): a is CallTool => a.kind === 'call_tool');
    expect(call, `a call_tool action in ${JSON.stringify(this.last)}`).toBeDefined();
    if (tool) expect(call?.tool).toBe(tool);
    return call as CallTool;
  }

  /** Answers the pending call with this outcome and data (what the runtime does after the ERP answers). */
  result(outcome: ToolOutcome, data: unknown = null, tool?: ToolName): BotAction[] {
    const call = this.pendingCall(tool);
    return this.feed({ kind: 'tool_result', callId: call.callId, tool: call.tool, outcome, data });
  }

  /** Texts said in the last turn. */
  said(): string[] {
    return this.last.flatMap((a) => (a.kind === 'say' ? [a.text] : []));
  }

  /** Every text said so far. */
  saidAll(): string[] {
    return this.all.flatMap((a) => (a.kind === 'say' ? [a.text] : []));
  }

  kinds(): string[] {
    return this.last.map((a) => a.kind);
  }
}

export function customer(contracts: { id: string; plan: string; status: string }[], name = 'MARIA DA SILVA') {
  return { id: 'c-7', name, maskedDocument: '***.982.247-**', contracts };
}

export const ONE_CONTRACT = customer([{ id: '1001', plan: 'Fibra 300 Mega', status: 'active' }]);
