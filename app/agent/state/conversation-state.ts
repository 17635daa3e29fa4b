// One open conversation as Solid signals: the resuming socket (opened near the end: since = lastSeq − 100),
// older pages over REST when the agent scrolls up, the order-independent timeline fold, optimistic sends
// (pending → stored, failed → retry) kept across reloads, who is typing, and how far the customer has read.
import { type Accessor, createSignal } from 'solid-js';
import type { ErrorFrame, EventFrame, Participant } from '../../../workers/contract';
import { type ConnectionState, ConversationClient } from '../../lib/conversation-client';
import { type TimelineItem, TimelineModel } from '../../lib/timeline';
import { getHistory } from '../endpoints';
import { loadOutbox, type OutboxEntry, saveOutbox } from './outbox';
import { conversationSocketUrl, socketClosed } from './socket-urls';

export interface PendingSend extends OutboxEntry {
  state: 'sending' | 'failed';
  /** Why the server refused it (error frame code), when failed. */
  code: string | null;
  error: string | null;
}

export type OlderState = 'idle' | 'loading' | 'done' | 'error';

export interface ConversationState {
  readonly conversationId: string;
  items: Accessor<readonly TimelineItem[]>;
  pending: Accessor<readonly PendingSend[]>;
  connection: Accessor<ConnectionState>;
  older: Accessor<OlderState>;
  typing: Accessor<Participant[]>;
  /** The customer's read marker (widget visitors report it), 0 if unknown. */
  customerRead: Accessor<number>;
  lastSeq: Accessor<number>;
  /** Bumped on every new customer message (the WhatsApp window may have reopened). */
  customerActivity: Accessor<number>;
  send: (text: string, mode: 'message' | 'note') => void;
  retry: (clientId: string) => void;
  discard: (clientId: string) => void;
  setTyping: (on: boolean) => void;
  markRead: (seq: number) => void;
  loadOlder: () => Promise<void>;
  close: () => void;
}

const TAIL = 100;
const TYPING_STALE_MS = 8_000;

export function createConversationState(opts: {
  conversationId: string;
  lastSeq: number;
  myId: string;
  token: () => string;
}): ConversationState {
  const id = opts.conversationId;
  const since = Math.max(0, opts.lastSeq - TAIL);
  const model = new TimelineModel();
  const [items, setItems] = createSignal<readonly TimelineItem[]>([]);
  const [pending, setPendingSignal] = createSignal<readonly PendingSend[]>(
    loadOutbox(id).map((e) => ({ ...e, state: 'sending', code: null, error: null })),
  );
  const [connection, setConnection] = createSignal<ConnectionState>('connecting');
  const [older, setOlder] = createSignal<OlderState>(since > 0 ? 'idle' : 'done');
  const [typing, setTypingList] = createSignal<Participant[]>([]);
  const [customerRead, setCustomerRead] = createSignal(0);
  const [lastSeq, setLastSeq] = createSignal(since);
  const [customerActivity, setCustomerActivity] = createSignal(0);
  /** Lowest seq from which everything up to the live end is held. */
  let loadedFrom = since + 1;
  const acked = new Map<string, number>();
  const buffer: EventFrame[] = [];
  const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let flushScheduled = false;

  function setPending(next: readonly PendingSend[]) {
    setPendingSignal(next);
    saveOutbox(
      id,
      next.map(({ clientId, text, mode }) => ({ clientId, text, mode })),
    );
  }

  /** A send is done once its event is in the timeline, or acked at a seq older than what we loaded. */
  function settlePending() {
    const left = pending().filter((p) => {
      if (model.seqOfClientId(p.clientId) !== undefined) return false;
      const seq = acked.get(p.clientId);
      return !(seq !== undefined && seq < loadedFrom);
    });
    if (left.length !== pending().length) setPending(left);
  }

  function flush() {
    flushScheduled = false;
    const batch = buffer.splice(0);
    if (batch.length === 0) return;
    if (model.add(batch)) setItems(model.items);
    setLastSeq(client.lastSeq);
    if (batch.some((f) => f.event.type === 'message.created' && isCustomer(f.event.message.author.kind))) {
      setCustomerActivity((n) => n + 1);
      // A customer who wrote is no longer typing.
      setTypingList((list) => list.filter((p) => p.kind !== 'visitor'));
    }
    settlePending();
  }

  function onFailed(frame: ErrorFrame & { clientId: string }) {
    setPending(
      pending().map((p) =>
        p.clientId === frame.clientId ? { ...p, state: 'failed', code: frame.code, error: frame.message } : p,
      ),
    );
  }

  function onTyping(on: boolean, who: Participant) {
    if (who.kind === 'agent' && who.id === opts.myId) return;
    const key = `${who.kind}:${who.id}`;
    clearTimeout(typingTimers.get(key));
    typingTimers.delete(key);
    setTypingList((list) => list.filter((p) => `${p.kind}:${p.id}` !== key));
    if (!on) return;
    setTypingList((list) => [...list, who]);
    // A lost "off" (socket dropped) must not leave the indicator on forever.
    typingTimers.set(
      key,
      setTimeout(() => onTyping(false, who), TYPING_STALE_MS),
    );
  }

  const client: ConversationClient = new ConversationClient({
    url: () => conversationSocketUrl(id),
    onClose: socketClosed,
    since,
    heartbeatMs: 25_000,
    onEvent: (f) => {
      buffer.push(f);
      // Replayed events render once, at ready; live ones right away (one render per burst).
      if (client.connectionState === 'live' && !flushScheduled) {
        flushScheduled = true;
        queueMicrotask(flush);
      }
    },
    onAck: (clientId, seq) => {
      acked.set(clientId, seq);
      settlePending();
    },
    onState: (s) => {
      if (s === 'live') flush();
      if (s !== 'live') setTypingList([]);
      setConnection(s);
    },
    onError: (f) => {
      if (f.clientId) onFailed({ ...f, clientId: f.clientId });
    },
    onFrame: (f) => {
      if (f.type === 'typing') onTyping(f.on, f.who);
      else if (f.type === 'read' && f.who.kind === 'visitor') setCustomerRead((s) => Math.max(s, f.seq));
    },
  });
  // Sends restored from before a reload go out again with their own clientId (answered with the old ack).
  for (const p of pending()) transmit(p);

  function transmit(p: OutboxEntry) {
    if (p.mode === 'note') client.sendNote(p.text, p.clientId);
    else client.send(p.text, p.clientId);
  }

  return {
    conversationId: id,
    items,
    pending,
    connection,
    older,
    typing,
    customerRead,
    lastSeq,
    customerActivity,
    send(text, mode) {
      const entry: PendingSend = {
        clientId: crypto.randomUUID(),
        text,
        mode,
        state: 'sending',
        code: null,
        error: null,
      };
      setPending([...pending(), entry]);
      transmit(entry);
    },
    retry(clientId) {
      const p = pending().find((x) => x.clientId === clientId);
      if (!p) return;
      setPending(
        pending().map((x) =>
          x.clientId === clientId ? { ...x, state: 'sending', code: null, error: null } : x,
        ),
      );
      transmit(p);
    },
    discard(clientId) {
      setPending(pending().filter((x) => x.clientId !== clientId));
    },
    setTyping: (on) => client.typing(on),
    markRead: (seq) => client.markRead(seq),
    async loadOlder() {
      if (older() !== 'idle' && older() !== 'error') return;
      if (loadedFrom <= 1) {
        setOlder('done');
        return;
      }
      setOlder('loading');
      try {
        const page = await getHistory(opts.token(), id, loadedFrom);
        if (model.add(page.events.map((e) => ({ seq: e.seq, createdAt: e.createdAt, event: e.event }))))
          setItems(model.items);
        loadedFrom = page.events[0]?.seq ?? 1;
        settlePending();
        setOlder(page.nextBefore === null || page.events.length === 0 ? 'done' : 'idle');
      } catch {
        setOlder('error');
      }
    },
    close() {
      for (const timer of typingTimers.values()) clearTimeout(timer);
      client.close();
    },
  };
}

function isCustomer(kind: string): boolean {
  return kind === 'visitor' || kind === 'contact';
}
