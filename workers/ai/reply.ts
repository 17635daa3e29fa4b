// One answer to a customer's message: the model sees the masked conversation and the knowledge-base
// passages, may call the ERP tools (through the bot's runner, at most MAX_TOOL_ROUNDS rounds) or `handoff`,
// and its final text comes back masked with the articles it cited. Every round shares the reply's deadline.
import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { ToolName } from '../contract';
import { normaliseText } from './answer-cache';
import type { AiReply, Brain, KnowledgePassage } from './brain';
import { type CallContext, complete } from './completion';
import { DeadlineExceeded } from './deadline';
import { functionDefinitions, HANDOFF_FUNCTION, HandoffArgs, isToolName, parseArguments } from './functions';
import { isDataDump, maskDocuments, toolResultForModel } from './guardrails';
import { replyMessages } from './prompts';

export const MAX_TOOL_ROUNDS = 3;
/** Failed tool results in one reply after which a person takes over. */
const MAX_TOOL_FAILURES = 2;
/** Below this, the model's own confidence in a handoff call counts as low confidence. */
const LOW_CONFIDENCE = 0.5;

export type ReplyInput = Parameters<Brain['reply']>[0];

export async function answer(ctx: CallContext, input: ReplyInput): Promise<AiReply> {
  const messages: ChatCompletionMessageParam[] = replyMessages(ctx.config.locale, input);
  const tools = functionDefinitions(ToolName.options);
  const toolsUsed: ToolName[] = [];
  let toolFailures = 0;
  for (let round = 0; ; round++) {
    const completion = await complete(ctx, { messages, tools, tool_choice: 'auto' });
    if (!completion.ok) return { kind: 'unavailable', reason: completion.reason };
    const message = completion.message;
    const calls = (message.tool_calls ?? []).filter((c) => c.type === 'function');
    const text = maskDocuments(message.content?.trim() ?? '');
    const handoff = calls.find((c) => c.function.name === HANDOFF_FUNCTION);
    if (handoff) {
      const args = HandoffArgs.safeParse(parseArguments(handoff.function.arguments));
      const reason = !args.success
        ? 'low_confidence'
        : (args.data.confidence ?? 1) < LOW_CONFIDENCE && args.data.reason !== 'requested'
          ? 'low_confidence'
          : args.data.reason;
      return { kind: 'handoff', reason, text: text || null };
    }
    if (calls.length === 0) {
      // No words, or a JSON dump of a tool result (isDataDump): nothing to say to a customer.
      if (!text || isDataDump(text)) return { kind: 'handoff', reason: 'low_confidence', text: null };
      return { kind: 'answer', text, citations: citedIn(text, input.passages), toolsUsed };
    }
    // The model still wants tools after its last allowed round: it is going in circles.
    if (round >= MAX_TOOL_ROUNDS) return { kind: 'handoff', reason: 'repeated_failure', text: null };
    messages.push({ role: 'assistant', content: message.content ?? null, tool_calls: calls });
    for (const call of calls) {
      let result: { ok: boolean; result: unknown };
      if (!isToolName(call.function.name)) {
        result = { ok: false, result: { error: 'unknown_tool' } };
      } else {
        toolsUsed.push(call.function.name);
        try {
          result = await ctx.deadline.race(
            input.runTool(call.function.name, parseArguments(call.function.arguments)),
          );
        } catch (error) {
          if (error instanceof DeadlineExceeded) return { kind: 'unavailable', reason: 'deadline' };
          result = { ok: false, result: { error: 'tool_failed' } };
        }
      }
      if (!result.ok) toolFailures++;
      messages.push({ role: 'tool', tool_call_id: call.id, content: toolResultForModel(result) });
    }
    if (toolFailures >= MAX_TOOL_FAILURES) return { kind: 'handoff', reason: 'repeated_failure', text: null };
  }
}

/** The passages whose title the answer names (the prompt asks for "(Fonte: <title>)"), once each. */
export function citedIn(text: string, passages: readonly KnowledgePassage[]) {
  const said = normaliseText(text);
  const seen = new Set<string>();
  const cited: { articleId: string; title: string }[] = [];
  for (const p of passages) {
    const title = normaliseText(p.title);
    if (title && said.includes(title) && !seen.has(p.articleId)) {
      seen.add(p.articleId);
      cited.push({ articleId: p.articleId, title: p.title });
    }
  }
  return cited;
}
