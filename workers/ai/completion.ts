// One chat completion inside a reply's deadline: the product's retry loop around the SDK (whose own retries
// are off). A 429 cools that key and the next key is tried at once; a 401 disables the key and the next is
// tried; a 5xx, timeout or network error counts against the endpoint's breaker and is tried once more; an
// open breaker or no usable key ends it at once. Never throws: a value or the reason there is none.
import { APIConnectionError, APIError } from 'openai';
import type {
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessage,
} from 'openai/resources/chat/completions';
import { log } from '../services/log';
import type { AiConfig, LlmFailure } from './brain';
import type { Breaker } from './breaker';
import { openaiClient } from './client';
import { type Deadline, DeadlineExceeded } from './deadline';
import type { KeyPool } from './key-pool';

export type Unavailable = 'deadline' | 'breaker_open' | 'no_keys' | 'error';
export type Completion = { ok: true; message: ChatCompletionMessage } | { ok: false; reason: Unavailable };

export interface CallContext {
  config: AiConfig;
  pool: KeyPool;
  breaker: Breaker;
  deadline: Deadline;
  /** Whether running out of this call's deadline counts against the endpoint (replies: yes; the short
   *  classification deadline: no, or a model slower than 3 s would open the breaker for 8 s replies). */
  deadlineIsFailure: boolean;
}

/** Transient failures (5xx, timeouts, network) tried per completion before giving up. */
const TRANSIENT_ATTEMPTS = 2;
const SDK_TIMEOUT_SLACK_MS = 500;

export async function complete(
  ctx: CallContext,
  body: Omit<ChatCompletionCreateParamsNonStreaming, 'model'>,
): Promise<Completion> {
  const { config, pool, breaker, deadline } = ctx;
  let transient = 0;
  for (;;) {
    if (deadline.expired) return { ok: false, reason: 'deadline' };
    const pick = pool.pick();
    if (!pick.ok) return failed(config, 'no_keys', 'no_keys');
    if (!breaker.admit()) return failed(config, 'breaker_open', 'breaker_open');
    const fields = { tenantId: config.tenantId, model: config.model, keyIndex: pick.index };
    try {
      const client = openaiClient(config, pick.key);
      const response = await deadline.race(
        client.chat.completions.create(
          { ...body, model: config.model, stream: false },
          // The SDK's own timeout is only a backstop, later than ours: when both fired together, its
          // timeout error would pass for a network failure.
          { signal: deadline.signal, timeout: deadline.remainingMs() + SDK_TIMEOUT_SLACK_MS },
        ),
      );
      breaker.success();
      const message = response.choices[0]?.message;
      if (!message) {
        log('warn', 'llm answer without a choice', fields);
        return failed(config, 'error', 'empty_answer');
      }
      return { ok: true, message };
    } catch (error) {
      if (error instanceof DeadlineExceeded || deadline.expired || deadline.remainingMs() <= 0) {
        if (ctx.deadlineIsFailure)
          breaker.failure(); // a hang or a crawl is the endpoint's failure too
        else breaker.release();
        log('warn', 'llm call hit the deadline', fields);
        return failed(config, 'deadline', 'timeout');
      }
      const status = error instanceof APIError ? error.status : undefined;
      if (status === 429) {
        pool.rateLimited(pick.index, error instanceof APIError ? error.headers : undefined);
        breaker.release();
        log('warn', 'llm key rate limited', fields);
        config.onFailure?.('rate_limited');
        continue;
      }
      if (status === 401) {
        pool.unauthorized(pick.index);
        breaker.release();
        log('warn', 'llm key refused (disabled until the keys change)', fields);
        config.onFailure?.('unauthorized');
        continue;
      }
      if ((status !== undefined && status >= 500) || error instanceof APIConnectionError) {
        breaker.failure();
        log('warn', 'llm endpoint failed', { ...fields, status: status ?? 'network' });
        config.onFailure?.(status === undefined ? 'network' : 'server_error');
        if (++transient >= TRANSIENT_ATTEMPTS) return { ok: false, reason: 'error' };
        continue;
      }
      // 400/404/422 …: our request or the model name is wrong; trying again would not help.
      breaker.release();
      log('warn', 'llm request refused', { ...fields, status: status ?? 'unknown' });
      return failed(config, 'error', 'refused');
    }
  }
}

/** Tells the config's observer (metrics) why, and returns the reason the caller sees. */
function failed(config: AiConfig, reason: Unavailable, counted: LlmFailure): Completion {
  config.onFailure?.(counted);
  return { ok: false, reason };
}
