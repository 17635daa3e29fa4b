// Classifying a customer's message with the LLM (intent, sentiment → tags, priority) when the tenant's AI is
// on: off the bot's path, with a short deadline; no answer in time is simply no classification.
import type { Classification } from '../../../workers/ai/brain';
import type { BotSetupCache } from './bot-setup';

const CLASSIFY_DEADLINE_MS = 3_000;

export async function classifyMessage(
  setup: BotSetupCache,
  tenantId: string,
  text: string,
  apply: (c: Classification) => void,
): Promise<void> {
  try {
    const s = await setup.get(tenantId);
    if (!s?.brain) return;
    const c = await Promise.race([
      s.brain.classify(text),
      new Promise<null>((r) => setTimeout(() => r(null), CLASSIFY_DEADLINE_MS)),
    ]);
    if (c) apply(c);
  } catch {
    // A classification is a nicety: its failure changes nothing for the customer.
  }
}
