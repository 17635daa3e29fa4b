// Where a load run points: Fio (widget sessions and an agent login over HTTP, sockets through `wrangler dev`)
// or the baseline server (any room id, no auth). Setup happens here, outside any measurement.
import { randomUUID } from 'node:crypto';
import type { Stack } from '../lib/stack';
import { postJson, socketUrl } from './http';
import { pooled } from './pool';
import type { RoomSpec } from './types';

export type TargetName = 'fio' | 'baseline';

export interface Rooms {
  conversationIds: string[];
  rooms: RoomSpec[];
}

export interface Target {
  name: TargetName;
  /** `count` fresh conversations, each with a sender and `subscribers` subscriber sockets. */
  rooms(count: number, subscribers: number): Promise<Rooms>;
}

const AGENT = { email: 'bruno@demo.fio.local', password: 'fio-demo-agent' };

export async function fioTarget(stack: Stack, concurrency: number): Promise<Target> {
  const base = stack.workerUrl;
  // One agent token serves every subscriber: an agent may open any conversation of the tenant.
  const { accessToken } = await postJson<{ accessToken: string }>(`${base}/api/auth/login`, AGENT, 200);
  return {
    name: 'fio',
    async rooms(count, subscribers) {
      // Each widget session is a new visitor, so a new conversation whose visitor token is the sender's.
      const sessions = await pooled(
        Array.from(
          { length: count },
          () => () =>
            postJson<{ token: string; conversationId: string }>(
              `${base}/api/widget/sessions`,
              { tenant: 'demo' },
              201,
            ),
        ),
        concurrency,
      );
      return {
        conversationIds: sessions.map((s) => s.conversationId),
        rooms: sessions.map((s) => ({
          senderUrl: socketUrl(base, s.conversationId, s.token),
          subscriberUrls: Array.from({ length: subscribers }, () =>
            socketUrl(base, s.conversationId, accessToken),
          ),
        })),
      };
    },
  };
}

export function baselineTarget(port: number): Target {
  const base = `http://127.0.0.1:${port}`;
  return {
    name: 'baseline',
    async rooms(count, subscribers) {
      const ids = Array.from({ length: count }, () => randomUUID());
      return {
        conversationIds: ids,
        rooms: ids.map((id) => ({
          senderUrl: socketUrl(base, id, 'visitor'),
          subscriberUrls: Array.from({ length: subscribers }, () => socketUrl(base, id, 'agent')),
        })),
      };
    },
  };
}
