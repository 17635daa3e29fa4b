// What the bot learns about a conversation besides answers: each customer message classified (intent,
// sentiment → tags and priority) through a JSON-mode call with a short deadline, and a 1–3 sentence summary
// for the agent taking over. Both end in null when the model cannot answer in time; nothing waits on them.
import { z } from 'zod';
import type { ChatTurn, Classification } from './brain';
import { type CallContext, complete } from './completion';
import { maskDocuments } from './guardrails';
import { classifyMessages, INTENTS, summaryMessages } from './prompts';

/** Classification is a side note, never worth the reply's full deadline. */
export const CLASSIFY_DEADLINE_MS = 3000;
const SUMMARY_MAX_CHARS = 600;

const ModelClassification = z.object({
  intent: z.string(),
  sentiment: z.enum(['positive', 'neutral', 'negative']).catch('neutral'),
  tags: z.array(z.string()).catch([]),
  priority: z.number().catch(Number.NaN),
});

/** Priority 1..5 when the model gave none: no connection and cancellations first, angry customers up one. */
const DEFAULT_PRIORITY: Record<(typeof INTENTS)[number], number> = {
  sem_conexao: 4,
  cancelamento: 4,
  desbloqueio: 3,
  lentidao: 3,
  segunda_via: 2,
  comercial: 2,
  outro: 2,
};

export async function classifyWith(ctx: CallContext, message: string): Promise<Classification | null> {
  const completion = await complete(ctx, {
    messages: classifyMessages(message),
    response_format: { type: 'json_object' },
    temperature: 0,
  });
  if (!completion.ok) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(completion.message.content ?? '');
  } catch {
    return null;
  }
  const parsed = ModelClassification.safeParse(raw);
  if (!parsed.success) return null;
  const intent = (INTENTS as readonly string[]).includes(parsed.data.intent)
    ? (parsed.data.intent as (typeof INTENTS)[number])
    : 'outro';
  const { sentiment } = parsed.data;
  const modelPriority = Math.round(parsed.data.priority);
  const priority =
    modelPriority >= 1 && modelPriority <= 5
      ? modelPriority
      : Math.min(5, DEFAULT_PRIORITY[intent] + (sentiment === 'negative' ? 1 : 0));
  const tags = [intent, ...(sentiment === 'negative' ? ['insatisfeito'] : []), ...parsed.data.tags]
    .map((t) => maskDocuments(t).trim().toLowerCase().slice(0, 40))
    .filter((t, i, all) => t.length > 0 && all.indexOf(t) === i)
    .slice(0, 5);
  return { intent, sentiment, tags, priority };
}

export async function summariseWith(ctx: CallContext, history: ChatTurn[]): Promise<string | null> {
  if (history.length === 0) return null;
  const completion = await complete(ctx, { messages: summaryMessages(ctx.config.locale, history) });
  if (!completion.ok) return null;
  const text = maskDocuments(completion.message.content?.trim() ?? '');
  if (!text) return null;
  // At most three sentences, however chatty the model is.
  // (A sentence ends at . ! or ? followed by a space, so the dots of a masked CPF do not end one.)
  const sentences = text.split(/(?<=[.!?]["”’)]?)\s+/);
  return sentences.slice(0, 3).join(' ').trim().slice(0, SUMMARY_MAX_CHARS);
}
