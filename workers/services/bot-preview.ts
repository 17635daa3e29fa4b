// The preview chat: the real engine run on the posted flow, one customer turn per request, state kept by the
// admin's browser. Tool calls are answered by `resolveTool` (the tenant's ERP for read tools when one is
// configured, bot-preview-erp.ts) or wait for the admin to pick an outcome; WRITE tools (unlock, ticket) are never sent anywhere
// from a preview: they are simulated as `ok` and marked so. AI steps run as if the AI were off (their fallback).
import { advance, initialBotState } from '../bot/engine';
import type { BotAction, BotContext, BotInput, BotState } from '../bot/engine-types';
import {
  type BotFlow,
  type PreviewAction,
  type PreviewInput,
  type PreviewReply,
  type PreviewResponse,
  type PreviewState,
  TOOL_OUTCOMES,
  type ToolName,
  type ToolOutcome,
  WRITE_TOOLS,
} from '../contract';
import { AppError } from '../errors';
import { sampleToolData } from './bot-preview-samples';

/** A tool call the bot asked for. */
export interface PreviewCall {
  callId: string;
  tool: ToolName;
  args: Record<string, unknown>;
}

/** A tool's answer: its outcome and data; null when nobody can answer it here (the admin picks). */
export type ResolveTool = (
  call: PreviewCall,
  state: BotState,
) => Promise<{ outcome: string; data: unknown } | null>;

/** No ERP: every read tool waits for the admin's choice. */
export const askTheAdmin: ResolveTool = async () => null;

/** The preview customer's phone (no real number: nobody is reached by it). */
export const PREVIEW_PHONE = '+5500900000000';

/** Engine rounds per request (tool result → next step → tool …): a flow looping through tools stops here. */
const ROUNDS_MAX = 25;

function previewContext(now: Date): BotContext {
  // A protocol that reads as an example (the preview opens no ticket), and a phone, so a flow that identifies
  // the customer by phone calls find_customer and the admin can try both of its branches.
  const protocol = `${now.toISOString().slice(0, 10).replace(/-/g, '')}000000`;
  return { now, protocol, phone: PREVIEW_PHONE, locale: 'pt-BR', aiEnabled: false };
}

function isOutcomeOf(tool: ToolName, outcome: string): outcome is ToolOutcome {
  return (TOOL_OUTCOMES[tool] as readonly string[]).includes(outcome);
}

function firstInput(input: PreviewInput, now: Date): BotInput {
  switch (input.kind) {
    case 'start':
      return { kind: 'start' };
    case 'message':
      return { kind: 'message', text: input.text, choiceId: input.choiceId ?? null };
    case 'tool_result':
      if (!isOutcomeOf(input.tool, input.outcome)) {
        throw new AppError('validation_failed', 'Invalid body', [
          { path: 'input.outcome', message: `not an outcome of ${input.tool}` },
        ]);
      }
      return {
        kind: 'tool_result',
        callId: input.callId,
        tool: input.tool,
        outcome: input.outcome,
        data: sampleToolData(input.tool, input.outcome, now),
      };
  }
}

/** Runs one admin turn through the engine until the bot waits for the customer or for a chosen outcome. */
export async function runPreview(
  flow: BotFlow,
  state: PreviewState | null,
  input: PreviewInput,
  resolveTool: ResolveTool,
  now = new Date(),
): Promise<PreviewResponse> {
  const ctx = previewContext(now);
  let current: BotState = input.kind === 'start' || !state ? initialBotState() : state;
  const replies: PreviewReply[] = [];
  const actions: PreviewAction[] = [];
  if (input.kind === 'tool_result')
    actions.push({ kind: 'tool', tool: input.tool, outcome: input.outcome, source: 'chosen' });
  let next: BotInput | null = firstInput(input, now);
  let pending: PreviewResponse['pending'] = null;
  for (let round = 0; next && round < ROUNDS_MAX; round++) {
    const turn = advance(flow, current, next, ctx);
    current = turn.state;
    next = null;
    for (const action of turn.actions) {
      if (next || pending) break; // one call at a time: what follows comes after its result
      if (action.kind === 'call_tool') {
        const answered = await answer(action, current, resolveTool, now, actions);
        if (answered) next = answered;
        else
          pending = { callId: action.callId, tool: action.tool, outcomes: [...TOOL_OUTCOMES[action.tool]] };
      } else if (action.kind === 'ask_ai') {
        actions.push({ kind: 'ai', text: action.text });
        next = { kind: 'ai_result', outcome: 'unavailable', reason: 'preview' };
      } else {
        note(action, replies, actions);
      }
    }
  }
  return { state: current, replies, actions, pending, issues: [] };
}

async function answer(
  action: Extract<BotAction, { kind: 'call_tool' }>,
  state: BotState,
  resolveTool: ResolveTool,
  now: Date,
  actions: PreviewAction[],
): Promise<BotInput | null> {
  const call = { callId: action.callId, tool: action.tool, args: action.args };
  if (WRITE_TOOLS.includes(action.tool)) {
    actions.push({ kind: 'tool', tool: action.tool, outcome: 'ok', source: 'simulated' });
    const data = sampleToolData(action.tool, 'ok', now);
    return { kind: 'tool_result', callId: action.callId, tool: action.tool, outcome: 'ok', data };
  }
  let result: { outcome: string; data: unknown } | null;
  try {
    result = await resolveTool(call, state);
  } catch {
    result = { outcome: 'erp_unavailable', data: null };
  }
  if (!result) return null;
  // An outcome the tool's branches do not name (an adapter's surprise) counts as the ERP failing.
  const outcome: ToolOutcome = isOutcomeOf(action.tool, result.outcome) ? result.outcome : 'erp_unavailable';
  actions.push({ kind: 'tool', tool: action.tool, outcome, source: 'erp' });
  return { kind: 'tool_result', callId: action.callId, tool: action.tool, outcome, data: result.data };
}

function note(action: BotAction, replies: PreviewReply[], actions: PreviewAction[]): void {
  switch (action.kind) {
    case 'say':
      replies.push(action.choices ? { text: action.text, choices: action.choices } : { text: action.text });
      return;
    case 'send_invoice_pdf':
      actions.push({ kind: 'invoice_pdf', invoiceId: action.invoiceId });
      return;
    case 'set_ticket':
      actions.push({
        kind: 'set_ticket',
        tags: action.tags,
        priority: action.priority,
        teamId: action.teamId,
      });
      return;
    case 'handoff':
      actions.push({ kind: 'handoff', teamId: action.teamId, reason: action.reason });
      return;
    case 'end':
      actions.push({ kind: 'end', resolved: action.resolved });
      return;
    case 'activity':
    case 'call_tool':
    case 'ask_ai':
      return; // timeline lines for agents; tools and AI are handled by the loop
  }
}
