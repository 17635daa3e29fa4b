// The agent app's inbox socket client over a scripted socket: hello with the last version held (0 at first,
// then whatever it reached), replayed summaries kept by version (a stale frame never rolls a conversation
// back), a reset dropping what was held, presence re-sent after a reconnect, and REST answers merged only
// when newer.
import { afterEach, describe, expect, it } from 'vitest';
import { InboxClient, type InboxConnectionState, type SummaryChange } from '../../app/lib/inbox-client';
import type { InboxServerFrame, InboxSummary, RoutingLoad } from '../../workers/contract';
import { inboxSummary } from './inbox-summary-fixture';

/** A WebSocket stand-in: records what the client sends, lets the test play the server. */
class ScriptedSocket extends EventTarget {
  static all: ScriptedSocket[] = [];
  readyState = 0;
  readonly sent: unknown[] = [];
  constructor(readonly url: string) {
    super();
    ScriptedSocket.all.push(this);
    queueMicrotask(() => {
      this.readyState = 1;
      this.dispatchEvent(new Event('open'));
    });
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code = 1000, reason = '') {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.dispatchEvent(Object.assign(new Event('close'), { code, reason, wasClean: true }));
  }
  serve(frame: InboxServerFrame) {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(frame) }));
  }
}

const id1 = '00000000-0000-4000-8000-000000000001';
const id2 = '00000000-0000-4000-8000-000000000002';
const uuid = '00000000-0000-4000-8000-0000000000aa';
function summary(conversationId: string, lastSeq: number, extra: Partial<InboxSummary> = {}): InboxSummary {
  return inboxSummary({
    conversationId,
    channelId: uuid,
    contact: { id: uuid, name: 'Paula', phone: null },
    protocol: '20261121000001',
    lastSeq,
    unread: 1,
    waitingSince: '2026-11-21T12:00:00.000Z',
    updatedAt: `2026-11-21T12:00:${String(lastSeq).padStart(2, '0')}.000Z`,
    ...extra,
  });
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

let client: InboxClient | null = null;
afterEach(() => {
  client?.close();
  ScriptedSocket.all = [];
});

function start() {
  const states: InboxConnectionState[] = [];
  const changes: SummaryChange[] = [];
  const routing: RoutingLoad[] = [];
  let resets = 0;
  client = new InboxClient({
    url: 'ws://inbox.test/ws/inbox?token=t',
    WebSocket: ScriptedSocket as unknown as typeof WebSocket,
    minReconnectDelayMs: 1,
    maxReconnectDelayMs: 5,
    onState: (s) => states.push(s),
    onSummary: (c) => changes.push(c),
    onReset: () => resets++,
    onRouting: (r) => routing.push(r),
  });
  return { client, states, changes, routing, resets: () => resets };
}

describe('inbox client', () => {
  it('resumes from the last version it holds and ignores stale frames', async () => {
    const { client, states, changes } = start();
    await until(() => ScriptedSocket.all.length === 1 && ScriptedSocket.all[0]?.sent.length === 1);
    const first = ScriptedSocket.all[0] as ScriptedSocket;
    expect(first.sent[0]).toEqual({ type: 'hello', since: 0 });
    first.serve({ type: 'summary', version: 4, summary: summary(id1, 2) });
    first.serve({ type: 'summary', version: 5, summary: summary(id2, 1) });
    first.serve({ type: 'ready', version: 5, presence: [] });
    expect(states).toEqual(['replaying', 'live']);
    expect(changes.map((c) => c.replay)).toEqual([true, true]);

    first.serve({ type: 'summary', version: 7, summary: summary(id1, 3, { status: 'assigned' }) });
    first.serve({ type: 'summary', version: 6, summary: summary(id1, 2) }); // late and older: ignored
    expect(client.summary(id1)?.lastSeq).toBe(3);
    expect(changes.at(-1)).toMatchObject({ replay: false, previous: { lastSeq: 2 } });
    expect(client.version).toBe(7);

    first.close(1006, 'network');
    await until(() => ScriptedSocket.all.length === 2 && ScriptedSocket.all[1]?.sent.length === 1);
    expect(ScriptedSocket.all[1]?.sent[0]).toEqual({ type: 'hello', since: 7 });
    expect(states).toContain('connecting');
    expect(client.summaries()).toHaveLength(2);
  });

  it('drops everything on reset and keeps what the complete replay sends', async () => {
    const { client, resets } = start();
    await until(() => ScriptedSocket.all[0]?.sent.length === 1);
    const socket = ScriptedSocket.all[0] as ScriptedSocket;
    socket.serve({ type: 'summary', version: 9, summary: summary(id1, 2) });
    socket.serve({ type: 'ready', version: 9, presence: [] });
    socket.serve({ type: 'reset' });
    socket.serve({ type: 'summary', version: 1, summary: summary(id2, 1) });
    socket.serve({ type: 'ready', version: 1, presence: [] });
    expect(resets()).toBe(1);
    expect(client.summaries().map((s) => s.conversationId)).toEqual([id2]);
    expect(client.version).toBe(1);
  });

  it('keeps a REST answer only when it is newer than what the socket said', async () => {
    const { client } = start();
    await until(() => ScriptedSocket.all[0]?.sent.length === 1);
    const socket = ScriptedSocket.all[0] as ScriptedSocket;
    socket.serve({ type: 'summary', version: 3, summary: summary(id1, 5, { status: 'assigned' }) });
    socket.serve({ type: 'ready', version: 3, presence: [] });
    expect(client.learn(summary(id1, 4, { status: 'queued' }))).toBe(false);
    expect(client.summary(id1)?.status).toBe('assigned');
    expect(client.learn(summary(id1, 6, { status: 'closed' }))).toBe(true);
    expect(client.summary(id1)?.status).toBe('closed');
    // The socket's next frame about it replaces the learned copy.
    socket.serve({ type: 'summary', version: 4, summary: summary(id1, 6, { status: 'closed', unread: 0 }) });
    expect(client.summary(id1)?.unread).toBe(0);
  });

  it('tells the server the chosen presence again after reconnecting', async () => {
    const { client } = start();
    await until(() => ScriptedSocket.all[0]?.sent.length === 1);
    const first = ScriptedSocket.all[0] as ScriptedSocket;
    first.serve({ type: 'ready', version: 0, presence: [] });
    client.setPresence('away');
    expect(first.sent.at(-1)).toEqual({ type: 'presence.set', status: 'away' });
    first.close(1006, 'network');
    await until(() => ScriptedSocket.all[1]?.sent.length === 1);
    const second = ScriptedSocket.all[1] as ScriptedSocket;
    second.serve({ type: 'ready', version: 0, presence: [] });
    expect(second.sent).toEqual([
      { type: 'hello', since: 0 },
      { type: 'presence.set', status: 'away' },
    ]);
  });

  it("hands the routing frame (supervisors' live view) on as sent, ignoring a malformed one", async () => {
    const { routing } = start();
    await until(() => ScriptedSocket.all[0]?.sent.length === 1);
    const socket = ScriptedSocket.all[0] as ScriptedSocket;
    socket.serve({ type: 'ready', version: 0, presence: [] });
    const load: RoutingLoad = {
      agents: [{ userId: id1, name: 'Bruno', status: 'online', load: 2, capacity: 3, teamIds: [uuid] }],
      queues: [
        {
          teamId: uuid,
          teamName: 'Suporte',
          mode: 'balanced',
          queued: 4,
          oldestQueuedAt: '2026-11-21T12:00:00.000Z',
        },
      ],
    };
    socket.serve({ type: 'routing', routing: load });
    expect(routing).toEqual([load]);
    // A load below zero breaks the contract: the frame is dropped, the last good one stays.
    socket.serve({
      type: 'routing',
      routing: { ...load, agents: [{ ...(load.agents[0] as RoutingLoad['agents'][number]), load: -1 }] },
    } as InboxServerFrame);
    expect(routing).toHaveLength(1);
  });
});
