// The bot's flow engine: pure. `advance(flow, state, input, context)` returns the next state and the actions
// the conversation object's bot participant executes (say, call a tool, ask the model, set the ticket, hand
// off, end); tool and model results come back as inputs. Steps that need no input run on within one turn;
// menu, ask, tool and ai steps wait. Every customer message is first checked for "falar com atendente".
import type { BotFlow } from '../contract';
import { maskDocumentsIn } from './documents';
import type { BotContext, BotInput, BotState, BotTurn } from './engine-types';
import { MAX_STEPS_PER_TURN, Turn } from './session';
import { answer, enter, prompt, stop } from './steps';
import { anyPhrase } from './text-match';
import { applyResult } from './tool-steps';

export function initialBotState(): BotState {
  return { stepId: null, attempts: 0, vars: {}, data: {}, phase: 'running' };
}

/** When the flow cannot go on at all: hand off to the tenant's queue rather than leave the customer alone. */
function emergencyHandoff(turn: Turn, why: string): void {
  turn.problems.push(why);
  turn.sayRaw(
    turn.en()
      ? 'I will transfer you to an agent. Please wait a moment.'
      : 'Vou transferir você para um atendente. Aguarde um momento, por favor.',
  );
  turn.actions.push({ kind: 'handoff', teamId: null, reason: 'bot_error' });
  stop(turn, 'handed_off');
}

/** Runs steps from `stepId` until one waits or the bot stops. */
function runFrom(turn: Turn, stepId: string): void {
  let next: string | null = stepId;
  while (next !== null) {
    turn.steps++;
    const step = turn.step(next);
    if (turn.steps > MAX_STEPS_PER_TURN || !step) {
      const why =
        step === undefined
          ? `step '${next}' does not exist`
          : `more than ${MAX_STEPS_PER_TURN} steps in one turn (at '${next}'): a loop`;
      if (turn.guarded || !turn.step(turn.flow.fallbackStep)) {
        emergencyHandoff(turn, why);
        return;
      }
      turn.problems.push(`${why}; going to the fallback step '${turn.flow.fallbackStep}'`);
      turn.guarded = true;
      turn.steps = 0;
      next = turn.flow.fallbackStep;
      continue;
    }
    turn.state.stepId = step.id;
    turn.state.attempts = 0;
    delete turn.data.pending;
    next = enter(turn, step);
  }
}

function start(turn: Turn): void {
  turn.data.started = true;
  // The flow's first menu may take the opening message (kept in `early` by onMessage).
  turn.say(turn.flow.greeting);
  runFrom(turn, turn.flow.start);
}

function onMessage(turn: Turn, text: string, choiceId: string | null | undefined): void {
  const { flow, state } = turn;
  const keyword = anyPhrase(text, flow.handoffKeywords);
  if (!turn.data.started) {
    // The conversation's first message opens it: greet and run to the first question, keeping what it asked
    // for the first menu ("falar com atendente" goes straight to the hand-off step).
    if (keyword) {
      turn.data.started = true;
      turn.say(flow.greeting);
      runFrom(turn, flow.handoffStep);
      return;
    }
    turn.data.early = maskDocumentsIn(text);
    start(turn);
    return;
  }
  // A button of the waiting step says exactly what it picks, even when its title holds a keyword.
  const clicked = state.stepId !== null && choiceId?.startsWith(`${state.stepId}.`) === true;
  if (!clicked && state.stepId !== flow.handoffStep && keyword) {
    runFrom(turn, flow.handoffStep);
    return;
  }
  const step = state.stepId === null ? undefined : turn.step(state.stepId);
  if (!step) return;
  if (turn.data.pending) {
    // Waiting for the ERP: nothing to say yet, but the next menu may use what was asked.
    if (turn.data.pending.kind === 'tool') turn.data.early = maskDocumentsIn(text);
    return;
  }
  if (step.type === 'ai') {
    if (!turn.ctx.aiEnabled) {
      runFrom(turn, step.fallback);
      return;
    }
    turn.data.pending = { kind: 'ai', stepId: step.id };
    turn.actions.push({ kind: 'ask_ai', text });
    return;
  }
  if (step.type !== 'menu' && step.type !== 'ask') return;
  if (step.type === 'menu') delete turn.data.early; // a menu answered: the older request no longer stands
  const next = answer(turn, step, text, choiceId);
  if (next !== 'invalid') {
    runFrom(turn, next);
    return;
  }
  state.attempts++;
  if (state.attempts >= step.maxAttempts) {
    runFrom(turn, step.onFail);
    return;
  }
  turn.say(step.invalidText);
  if (step.type === 'menu' || step.input === 'contract') prompt(turn, step);
}

function onToolResult(turn: Turn, input: Extract<BotInput, { kind: 'tool_result' }>): void {
  const pending = turn.data.pending;
  if (pending?.kind !== 'tool' || pending.callId !== input.callId) return; // stale or unknown: ignored
  const step = turn.step(pending.stepId);
  delete turn.data.pending;
  if (step?.type !== 'tool') return;
  applyResult(turn, step.tool, input.outcome, input.data);
  const next = step.on[input.outcome];
  if (next === undefined) turn.problems.push(`step '${step.id}' maps no step for outcome '${input.outcome}'`);
  runFrom(turn, next ?? turn.flow.fallbackStep);
}

function onAiResult(turn: Turn, input: Extract<BotInput, { kind: 'ai_result' }>): void {
  const pending = turn.data.pending;
  if (pending?.kind !== 'ai') return;
  delete turn.data.pending;
  const step = turn.step(pending.stepId);
  if (step?.type !== 'ai') return;
  if (input.outcome === 'answered') return; // the runtime said the answer; the next message asks again
  if (input.outcome === 'handoff') {
    turn.data.handoffReason = input.reason ?? 'ai_handoff';
    turn.data.handoffTeamId = step.handoffTeamId;
    runFrom(turn, turn.flow.handoffStep);
    return;
  }
  turn.activity('llm_unavailable', input.reason ? { reason: input.reason } : undefined);
  runFrom(turn, step.fallback);
}

/**
 * One turn. The state passed in is not changed (a copy is returned). Messages after a hand-off or the end
 * get no answer: the ticket is an agent's (or closed) from then on.
 */
export function advance(flow: BotFlow, state: BotState, input: BotInput, context: BotContext): BotTurn {
  const next: BotState = structuredClone(state);
  if (next.phase !== 'running') return { state: next, actions: [] };
  const turn = new Turn(flow, next, context);
  switch (input.kind) {
    case 'start':
      if (!turn.data.started) start(turn);
      break;
    case 'message':
      onMessage(turn, input.text, input.choiceId);
      break;
    case 'tool_result':
      onToolResult(turn, input);
      break;
    case 'ai_result':
      onAiResult(turn, input);
      break;
  }
  return turn.problems.length > 0
    ? { state: next, actions: turn.actions, problems: turn.problems }
    : { state: next, actions: turn.actions };
}
