// The OpenAI wire shapes the simulator answers with: a chat completion, its streamed chunks (SSE, ending in
// `data: [DONE]`) and the error body, as the real API sends them, so the SDK parses them unchanged.
import { randomUUID } from 'node:crypto';
import type { Turn } from './rules';

const created = () => Math.floor(Date.now() / 1000);
const tokens = (s: string) => Math.max(1, Math.ceil(s.length / 4));

function toolCalls(turn: Turn) {
  return turn.toolCalls.map((c) => ({
    id: `call_${randomUUID().replaceAll('-', '').slice(0, 24)}`,
    type: 'function' as const,
    function: { name: c.name, arguments: c.arguments },
  }));
}

export function completion(model: string, turn: Turn, promptChars: number) {
  const calls = toolCalls(turn);
  const out = (turn.content ?? '') + turn.toolCalls.map((c) => c.arguments).join('');
  return {
    id: `chatcmpl-${randomUUID()}`,
    object: 'chat.completion',
    created: created(),
    model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: turn.content,
          refusal: null,
          annotations: [],
          ...(calls.length ? { tool_calls: calls } : {}),
        },
        logprobs: null,
        finish_reason: calls.length ? 'tool_calls' : 'stop',
      },
    ],
    usage: {
      prompt_tokens: tokens(' '.repeat(promptChars)),
      completion_tokens: tokens(out),
      total_tokens: tokens(' '.repeat(promptChars)) + tokens(out),
    },
    service_tier: 'default',
    system_fingerprint: 'fp_fio_sim',
  };
}

/** The `data:` payloads of a streamed answer: role, content in pieces or tool calls, finish, usage. */
export function chunks(model: string, turn: Turn, includeUsage: boolean): unknown[] {
  const id = `chatcmpl-${randomUUID()}`;
  const base = {
    id,
    object: 'chat.completion.chunk',
    created: created(),
    model,
    system_fingerprint: 'fp_fio_sim',
  };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  const out: unknown[] = [chunk({ role: 'assistant', content: '', refusal: null })];
  for (const piece of (turn.content ?? '').match(/.{1,24}/gs) ?? []) out.push(chunk({ content: piece }));
  toolCalls(turn).forEach((c, index) => {
    out.push(
      chunk({
        tool_calls: [
          { index, id: c.id, type: 'function', function: { name: c.function.name, arguments: '' } },
        ],
      }),
    );
    for (const piece of c.function.arguments.match(/.{1,16}/gs) ?? [])
      out.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
  });
  out.push(chunk({}, turn.toolCalls.length ? 'tool_calls' : 'stop'));
  if (includeUsage) {
    const n = tokens(turn.content ?? '');
    out.push({
      ...base,
      choices: [],
      usage: { prompt_tokens: 1, completion_tokens: n, total_tokens: n + 1 },
    });
  }
  return out;
}

export function errorBody(status: number, key: string | null) {
  if (status === 401)
    return {
      error: {
        message: `Incorrect API key provided: ${(key ?? '').slice(0, 7)}***. You can find your API key at https://platform.openai.com/account/api-keys.`,
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    };
  if (status === 429)
    return {
      error: {
        message: 'Rate limit reached for requests. Please try again later.',
        type: 'requests',
        param: null,
        code: 'rate_limit_exceeded',
      },
    };
  if (status === 400)
    return {
      error: { message: 'Invalid request body.', type: 'invalid_request_error', param: null, code: null },
    };
  if (status === 404)
    return {
      error: { message: 'Unknown route.', type: 'invalid_request_error', param: null, code: 'unknown_url' },
    };
  return {
    error: {
      message: 'The server had an error while processing your request. Sorry about that!',
      type: 'server_error',
      param: null,
      code: null,
    },
  };
}
