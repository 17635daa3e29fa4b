// The LLM mode's entry point: `createBrain(config)` gives the bot a Brain for one tenant. Each call gets its
// own deadline; the key pool, the breaker and the answer cache are per isolate, filed under the tenant's
// endpoint and model (scope.ts), so state learned for one tenant never touches another's.

import { log } from '../services/log';
import { cacheable, cachedAnswer, cacheKey, rememberAnswer } from './answer-cache';
import type { AiConfig, Brain } from './brain';
import { Breaker } from './breaker';
import type { CallContext } from './completion';
import { Deadline } from './deadline';
import { CLASSIFY_DEADLINE_MS, classifyWith, summariseWith } from './insights';
import { KeyPool } from './key-pool';
import { answer } from './reply';
import { scopeOf } from './scope';

export type {
  AiConfig,
  AiReply,
  Brain,
  ChatTurn,
  Classification,
  KnowledgePassage,
  ToolRunner,
} from './brain';
export { maskDocuments, withoutSecrets } from './guardrails';

export const DEFAULT_DEADLINE_MS = 8000;

export function createBrain(config: AiConfig): Brain {
  const scope = scopeOf(config);
  const deadlineMs = config.deadlineMs > 0 ? config.deadlineMs : DEFAULT_DEADLINE_MS;

  /** Runs `work` with fresh per-call context; the deadline's timer is always cleared. */
  async function within<T>(
    ms: number,
    work: (ctx: CallContext) => Promise<T>,
    deadlineIsFailure = true,
  ): Promise<T> {
    const deadline = new Deadline(ms);
    const ctx: CallContext = {
      config: { ...config, deadlineMs },
      pool: new KeyPool(scope, config.keys),
      breaker: new Breaker(scope, config.breaker),
      deadline,
      deadlineIsFailure,
    };
    try {
      return await work(ctx);
    } finally {
      deadline.dispose();
    }
  }

  return {
    async reply(input) {
      const started = Date.now();
      const key = cacheKey(scope, input.message, input.passages);
      const hit = input.passages.length > 0 ? cachedAnswer(key) : null;
      if (hit) {
        log('info', 'llm reply', { tenantId: config.tenantId, kind: 'answer', cached: true });
        return { kind: 'answer', text: hit.text, citations: hit.citations, toolsUsed: [] };
      }
      const result = await within(deadlineMs, (ctx) => answer(ctx, input));
      if (
        result.kind === 'answer' &&
        cacheable({
          question: input.message,
          answer: result.text,
          passages: input.passages,
          toolsUsed: result.toolsUsed,
        })
      )
        rememberAnswer(key, { text: result.text, citations: result.citations });
      log('info', 'llm reply', {
        tenantId: config.tenantId,
        kind: result.kind,
        reason: result.kind === 'answer' ? undefined : result.reason,
        toolsUsed: result.kind === 'answer' ? result.toolsUsed : undefined,
        ms: Date.now() - started,
      });
      return result;
    },
    classify(message) {
      return within(Math.min(deadlineMs, CLASSIFY_DEADLINE_MS), (ctx) => classifyWith(ctx, message), false);
    },
    summarise(history) {
      return within(deadlineMs, (ctx) => summariseWith(ctx, history));
    },
  };
}
