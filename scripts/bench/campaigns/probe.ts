// The agent probe: an agent (signed in as the app does) answers the probe's customers through REST, one reply
// every `intervalMs` whatever the previous one is doing (open loop, so a slow reply does not slow the pace),
// round-robin over the customers. Latency = the REST request's start → the reply reaching the simulator.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { postJson } from '../http';
import { summarize } from '../stats';
import type { Summary } from '../types';
import type { SendLog } from './sends';

export interface ProbeSide {
  side: 'baseline' | 'campaign';
  replies: number;
  /** Replies that never reached the simulator in time, and REST sends that were refused. */
  missed: number;
  refused: number;
  /** REST start → the simulator has it (ms). */
  latency: Summary;
  /** REST start → the 201 (ms): the conversation object stored it. */
  ack: Summary;
}

export interface AgentProbe {
  /** `count` paced replies; `keepGoing` (checked before each) ends the side early, e.g. when a campaign ends. */
  run(
    side: ProbeSide['side'],
    count: number,
    opts: { warmup: number; keepGoing?: () => boolean },
  ): Promise<ProbeSide>;
}

export async function agentProbe(
  base: string,
  who: { email: string; password: string },
  conversations: readonly string[],
  log: SendLog,
  s: { intervalMs: number; replyTimeoutMs: number },
): Promise<AgentProbe> {
  const { accessToken } = await postJson<{ accessToken: string }>(`${base}/api/auth/login`, who, 200);
  let n = 0;
  const one = async () => {
    const i = n++;
    const key = `r${i}`;
    const conversationId = conversations[i % conversations.length] as string;
    const start = performance.timeOrigin + performance.now();
    const res = await fetch(`${base}/api/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        clientId: randomUUID(),
        text: `Já verifiquei seu acesso e está tudo normal agora. «${key}»`,
      }),
      signal: AbortSignal.timeout(s.replyTimeoutMs),
    }).catch(() => null);
    const acked = performance.timeOrigin + performance.now();
    await res?.arrayBuffer().catch(() => null);
    if (res?.status !== 201) return { refused: true, latency: Number.NaN, ack: Number.NaN };
    const at = await log.reply(key, s.replyTimeoutMs);
    return { refused: false, latency: at === null ? Number.NaN : at - start, ack: acked - start };
  };
  return {
    async run(side, count, opts) {
      for (let i = 0; i < opts.warmup; i++) await one();
      const pending: ReturnType<typeof one>[] = [];
      for (let i = 0; i < count; i++) {
        if (opts.keepGoing && !opts.keepGoing()) break;
        pending.push(one());
        await new Promise((r) => setTimeout(r, s.intervalMs));
      }
      const results = await Promise.all(pending);
      const ok = results.filter((r) => Number.isFinite(r.latency));
      return {
        side,
        replies: results.length,
        missed: results.filter((r) => !r.refused && !Number.isFinite(r.latency)).length,
        refused: results.filter((r) => r.refused).length,
        latency: summarize(ok.map((r) => r.latency)),
        ack: summarize(results.filter((r) => !r.refused).map((r) => r.ack)),
      };
    },
  };
}
