// The flow engine's interface: pure, `advance(flow, state, input, context) → { state, actions }`. The
// conversation object's bot participant stores the state, executes the actions (messages through the one
// append path, ERP calls, the model) and feeds their results back as inputs.
import type { BotActivityCode, BotFlow, ToolName, ToolOutcome } from '../contract';

/** JSON-serialisable; lives in the conversation object's storage between turns. */
export interface BotState {
  /** The step waiting for the customer or for a tool's result; null before the start and after the end. */
  stepId: string | null;
  /** Invalid answers (or unmatched menu replies) at the current step. */
  attempts: number;
  /** Flow variables: saved answers and tool results' fields ({{customer.name}}, {{unlock.until}} …). */
  vars: Record<string, string>;
  /** What the last tool calls found, for later steps (open invoices, the identified customer's contracts). */
  data: Record<string, unknown>;
  /** 'running' (the bot talks), 'handed_off', 'ended'. */
  phase: 'running' | 'handed_off' | 'ended';
}

export type BotInput =
  | { kind: 'start' }
  | { kind: 'message'; text: string; choiceId?: string | null }
  | { kind: 'tool_result'; callId: string; tool: ToolName; outcome: ToolOutcome; data: unknown }
  | { kind: 'ai_result'; outcome: 'answered' | 'handoff' | 'unavailable'; reason?: string };

export type BotAction =
  /** A message to the customer (author bot), through the one append path. */
  | { kind: 'say'; text: string; choices?: { id: string; title: string }[] }
  /** Send this invoice's PDF as a document (the executor fetches it from the ERP and stores it). */
  | { kind: 'send_invoice_pdf'; invoiceId: string }
  /** Call an ERP tool; the result comes back as a `tool_result` input with the same callId. `demand` keys
   *  writes (trust_unlock, open_ticket) so a retried step reuses the first result instead of calling again. */
  | {
      kind: 'call_tool';
      callId: string;
      tool: ToolName;
      args: Record<string, unknown>;
      demand: string | null;
    }
  /** Hand the customer's message to the LLM (ai step); the result comes back as an `ai_result` input. */
  | { kind: 'ask_ai'; text: string }
  | { kind: 'set_ticket'; tags?: string[]; priority?: number; teamId?: string | null }
  /** A system line for agents on the timeline. */
  | { kind: 'activity'; code: BotActivityCode; params?: Record<string, string> }
  | { kind: 'handoff'; teamId: string | null; reason: string }
  | { kind: 'end'; resolved: boolean };

export interface BotContext {
  now: Date;
  protocol: string;
  /** The customer's phone (E.164) when the channel knows it, for identification by phone. */
  phone: string | null;
  locale: 'pt-BR' | 'en';
  /** Whether the tenant's LLM mode is on (an ai step falls back to its `fallback` otherwise). */
  aiEnabled: boolean;
}

export interface BotTurn {
  state: BotState;
  actions: BotAction[];
  /** What went wrong in the flow this turn (a loop cut by the runaway guard, a step that does not exist, a
   *  tool step with nothing to call with), for the runtime's log; never shown to the customer. */
  problems?: string[];
}

export type Advance = (flow: BotFlow, state: BotState, input: BotInput, context: BotContext) => BotTurn;
