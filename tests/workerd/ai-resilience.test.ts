// LLM mode when the model misbehaves, over real sockets to the simulator: a 429 on one key and the next key
// answers while the first cools down for as long as Retry-After said; a 401 disables a key; a model that is
// down, hangs or crawls ends in `unavailable` within the reply's deadline (the bot then shows the menu);
// failures open the endpoint's breaker, which refuses at once, lets one probe through after its cooldown
// and closes when the probe succeeds. Never timing precision: only that the call came back, and with what.
import { describe, expect, it } from 'vitest';
import { Breaker } from '../../workers/ai/breaker';
import { cooldownFrom, KeyPool } from '../../workers/ai/key-pool';
import { scopeOf } from '../../workers/ai/scope';
import { brainFor, clearFault, fault, newKey, noTools, PASSAGES, requestsOf } from './llm-sim';

const QUESTION = { history: [], message: 'Como reiniciar o roteador?', passages: PASSAGES, runTool: noTools };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A fresh question each time, so the knowledge-base cache never answers instead of the model. */
let n = 0;
const fresh = () => ({ ...QUESTION, message: `${QUESTION.message} (${++n})` });

describe('LLM mode: key pool', () => {
  it('answers with key B when key A gets 429, and keeps A cooling for as long as Retry-After said', async () => {
    const a = newKey('a');
    const b = newKey('b');
    const { brain, config } = brainFor([a, b]);
    await fault({ key: a, mode: 'rate_limited', retryAfter: '120' });
    const reply = await brain.reply(fresh());
    expect(reply).toMatchObject({ kind: 'answer', citations: [{ articleId: 'kb-roteador' }] });
    expect((await requestsOf(a)).map((r) => r.outcome)).toEqual([429]);
    expect((await requestsOf(b)).map((r) => r.outcome)).toEqual([200]);
    expect(new KeyPool(scopeOf(config), config.keys).describe()).toEqual(['cooling', 'ready']);
    // While A cools, replies go straight to B: A is not asked again.
    await brain.reply(fresh());
    expect(await requestsOf(a)).toHaveLength(1);
    expect(await requestsOf(b)).toHaveLength(2);
  });

  it('tries a cooled key again once its Retry-After has passed', async () => {
    const a = newKey('a');
    const b = newKey('b');
    const { brain } = brainFor([a, b]);
    await fault({ key: a, mode: 'rate_limited', retryAfter: '1', count: 1 });
    await brain.reply(fresh());
    await sleep(1100);
    expect(await brain.reply(fresh())).toMatchObject({ kind: 'answer' });
    expect((await requestsOf(a)).map((r) => r.outcome)).toEqual([429, 200]);
    expect(await requestsOf(b)).toHaveLength(1);
  });

  it('reads Retry-After as seconds, as an HTTP date, or retry-after-ms, and waits 30 s when absent', () => {
    const now = Date.parse('2026-12-03T10:00:00Z');
    const h = (init: Record<string, string>) => new Headers(init);
    expect(cooldownFrom(h({ 'retry-after': '7' }), now)).toBe(7000);
    expect(cooldownFrom(h({ 'retry-after': 'Thu, 03 Dec 2026 10:01:00 GMT' }), now)).toBe(60_000);
    expect(cooldownFrom(h({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
    expect(cooldownFrom(h({}), now)).toBe(30_000);
    expect(cooldownFrom(h({ 'retry-after': 'soon' }), now)).toBe(30_000);
  });

  it('disables a key answered 401 until the key list changes; no usable key → unavailable', async () => {
    const revoked = `sk-revoked-${crypto.randomUUID()}`;
    const good = newKey('good');
    const { brain, config } = brainFor([revoked, good]);
    expect(await brain.reply(fresh())).toMatchObject({ kind: 'answer' });
    await brain.reply(fresh());
    expect((await requestsOf(revoked)).map((r) => r.outcome)).toEqual([401]);
    expect(await requestsOf(good)).toHaveLength(2);
    expect(new KeyPool(scopeOf(config), config.keys).describe()).toEqual(['disabled', 'ready']);
    // Only refused keys: the reply says so at once instead of calling again.
    const only = brainFor([revoked]);
    expect(await only.brain.reply(fresh())).toEqual({ kind: 'unavailable', reason: 'no_keys' });
    expect(await only.brain.reply(fresh())).toEqual({ kind: 'unavailable', reason: 'no_keys' });
    expect(await requestsOf(revoked)).toHaveLength(2); // one 401 for the second tenant, then nothing
    // The admin changes the keys: a fresh start for the new list.
    expect(new KeyPool(scopeOf(config), [good, revoked]).describe()).toEqual(['ready', 'ready']);
  });

  it('every key rate limited → unavailable (no_keys), without waiting for them', async () => {
    const a = newKey('a');
    const b = newKey('b');
    const { brain } = brainFor([a, b]);
    await fault({ key: a, mode: 'rate_limited', retryAfter: '60' });
    await fault({ key: b, mode: 'rate_limited', retryAfter: '60' });
    expect(await brain.reply(fresh())).toEqual({ kind: 'unavailable', reason: 'no_keys' });
  });
});

describe('LLM mode: deadline', () => {
  it('a model that hangs ends in unavailable (deadline) and the call returns', async () => {
    const key = newKey();
    const { brain } = brainFor([key], { deadlineMs: 700 });
    await fault({ key, mode: 'hang' });
    expect(await brain.reply(fresh())).toEqual({ kind: 'unavailable', reason: 'deadline' });
    expect(await brain.classify('minha internet caiu')).toBeNull();
    expect(await brain.summarise([{ role: 'customer', text: 'oi' }])).toBeNull();
  });

  it('a model slower than the deadline ends in unavailable (deadline)', async () => {
    const key = newKey();
    const { brain } = brainFor([key], { deadlineMs: 600 });
    await fault({ key, mode: 'slow', latencyMs: 2000 });
    expect(await brain.reply(fresh())).toEqual({ kind: 'unavailable', reason: 'deadline' });
    // Slower but inside the deadline: answered.
    await fault({ key, mode: 'slow', latencyMs: 100 });
    expect(await brain.reply(fresh())).toMatchObject({ kind: 'answer' });
  });

  it('a tool that hangs does not hold the reply past its deadline', async () => {
    const { brain } = brainFor([newKey()], { deadlineMs: 700 });
    const reply = await brain.reply({
      history: [],
      message: 'minha internet caiu',
      passages: [],
      runTool: () => new Promise(() => {}),
      contractIds: ['1001'],
    });
    expect(reply).toEqual({ kind: 'unavailable', reason: 'deadline' });
  });

  it('a model that is down (connection reset) ends in unavailable (error)', async () => {
    const key = newKey();
    const { brain } = brainFor([key]);
    await fault({ key, mode: 'down' });
    expect(await brain.reply(fresh())).toEqual({ kind: 'unavailable', reason: 'error' });
    // The product owns the retry loop: one retry of a transient failure, not the SDK's hidden ones.
    expect((await requestsOf(key)).map((r) => r.outcome)).toEqual(['down', 'down']);
  });
});

describe('LLM mode: circuit breaker', () => {
  it('opens after repeated failures, refuses at once, lets a probe through after the cooldown and closes', async () => {
    const key = newKey();
    const { brain, config } = brainFor([key], { breaker: { failures: 3, cooldownMs: 400 } });
    const breaker = () => new Breaker(scopeOf(config), config.breaker);
    await fault({ key, mode: 'error' });
    expect(await brain.reply(fresh())).toEqual({ kind: 'unavailable', reason: 'error' }); // 2 failures
    expect(breaker().status).toBe('closed');
    expect(await brain.reply(fresh())).toEqual({ kind: 'unavailable', reason: 'breaker_open' }); // 3rd opens
    expect(breaker().status).toBe('open');
    const before = (await requestsOf(key)).length;
    expect(await brain.reply(fresh())).toEqual({ kind: 'unavailable', reason: 'breaker_open' });
    expect(await requestsOf(key)).toHaveLength(before); // refused without calling the model
    // Another tenant on the same endpoint and model has its own breaker.
    const other = brainFor([newKey()], { breaker: config.breaker });
    expect(await other.brain.reply(fresh())).toMatchObject({ kind: 'answer' });
    // Recovery: after the cooldown one probe goes through; it succeeds and the breaker closes.
    await clearFault(key);
    await sleep(450);
    expect(breaker().status).toBe('half_open');
    expect(await brain.reply(fresh())).toMatchObject({ kind: 'answer' });
    expect(breaker().status).toBe('closed');
    expect(await brain.reply(fresh())).toMatchObject({ kind: 'answer' });
  });

  it('a failed probe opens the breaker again for another cooldown', async () => {
    const key = newKey();
    const { brain, config } = brainFor([key], { breaker: { failures: 2, cooldownMs: 300 } });
    await fault({ key, mode: 'error' });
    await brain.reply(fresh());
    expect(new Breaker(scopeOf(config), config.breaker).status).toBe('open');
    await sleep(350);
    const before = (await requestsOf(key)).length;
    expect(await brain.reply(fresh())).toEqual({ kind: 'unavailable', reason: 'breaker_open' });
    expect(await requestsOf(key)).toHaveLength(before + 1); // exactly one probe
    expect(new Breaker(scopeOf(config), config.breaker).status).toBe('open');
  });

  it('a hanging model opens the breaker too (deadline counts as a failure)', async () => {
    const key = newKey();
    const { brain, config } = brainFor([key], { deadlineMs: 300, breaker: { failures: 2 } });
    await fault({ key, mode: 'hang' });
    // Classification's own short deadline is a side note: missing it never opens the breaker for replies.
    for (let i = 0; i < 3; i++) expect(await brain.classify('minha internet caiu')).toBeNull();
    expect(new Breaker(scopeOf(config), config.breaker).status).toBe('closed');
    expect(await brain.reply(fresh())).toEqual({ kind: 'unavailable', reason: 'deadline' });
    expect(await brain.reply(fresh())).toEqual({ kind: 'unavailable', reason: 'deadline' });
    expect(await brain.reply(fresh())).toEqual({ kind: 'unavailable', reason: 'breaker_open' });
    expect(new Breaker(scopeOf(config), config.breaker).status).toBe('open');
  });
});
