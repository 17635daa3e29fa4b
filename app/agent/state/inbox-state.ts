// The live inbox as Solid signals over the resuming inbox socket: every summary, the connection state and
// agents' presence. Changes during a replay render once at `ready`; live changes render at once.
import { type Accessor, createMemo, createSignal, onCleanup } from 'solid-js';
import type { AgentPresence, InboxSummary, RoutingLoad } from '../../../workers/contract';
import { InboxClient, type InboxConnectionState, type SummaryChange } from '../../lib/inbox-client';
import { inboxSocketUrl, socketClosed } from './socket-urls';

export interface InboxState {
  connection: Accessor<InboxConnectionState>;
  summaries: Accessor<InboxSummary[]>;
  summary: (conversationId: string) => InboxSummary | null;
  presence: Accessor<Map<string, AgentPresence>>;
  /** A summary from a REST answer (ticket action, search); kept only when newer than what is held. */
  learn: (summary: InboxSummary) => void;
  setPresence: (status: 'online' | 'away') => void;
  /**
   * Changes whenever the number `channelId` may have changed health: a `channel.health` frame about it, or the
   * socket (re)connected (a frame may have been missed). Read it to ask for the channel state again.
   */
  channelNews: (channelId: string) => string;
  /** The last routing frame (agents' load, queues per team); null until the inbox sends one. */
  routing: Accessor<RoutingLoad | null>;
}

export function createInboxState(onNews: (change: SummaryChange) => void): InboxState {
  const [connection, setConnection] = createSignal<InboxConnectionState>('connecting');
  const [version, setVersion] = createSignal(0);
  const [presenceVersion, setPresenceVersion] = createSignal(0);
  const [readyCount, setReadyCount] = createSignal(0);
  const [routing, setRouting] = createSignal<RoutingLoad | null>(null);
  const [channelBeats, setChannelBeats] = createSignal<ReadonlyMap<string, number>>(new Map());
  let scheduled = false;
  const changed = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      setVersion((v) => v + 1);
    });
  };
  const client = new InboxClient({
    url: inboxSocketUrl,
    onClose: socketClosed,
    heartbeatMs: 25_000,
    onState: setConnection,
    onSummary: (change) => {
      if (change.replay) return; // rendered once at ready
      changed();
      onNews(change);
    },
    // A reset empties the client's map; the old list stays on screen until the full replay is ready.
    onReady: () => {
      changed();
      setPresenceVersion((v) => v + 1);
      setReadyCount((n) => n + 1);
    },
    onPresence: () => setPresenceVersion((v) => v + 1),
    onChannelHealth: (channelId) =>
      setChannelBeats((m) => new Map(m).set(channelId, (m.get(channelId) ?? 0) + 1)),
    onRouting: setRouting,
  });
  onCleanup(() => client.close());

  const summaries = createMemo(() => {
    version();
    return client.summaries();
  });
  const byId = createMemo(() => new Map(summaries().map((s) => [s.conversationId, s])));
  const presence = createMemo(() => {
    presenceVersion();
    return new Map(client.presence().map((p) => [p.userId, p]));
  });

  return {
    connection,
    summaries,
    summary: (id) => byId().get(id) ?? null,
    presence,
    learn: (s) => {
      if (client.learn(s)) changed();
    },
    setPresence: (status) => client.setPresence(status),
    channelNews: (channelId) => `${readyCount()}:${channelBeats().get(channelId) ?? 0}`,
    routing,
  };
}
