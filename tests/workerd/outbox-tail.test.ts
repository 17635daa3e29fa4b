// The outbox reads what it sends to Postgres from the events it just appended (the store's in-memory tail)
// rather than from SQLite: what it hands over must still be exactly what SQLite holds, in seq order, with
// nothing skipped or repeated, after a redaction, past the tail's size and after a restart.
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ConversationStore } from '../../durable-objects/conversation/conversation-store';
import type { ConversationEvent } from '../../workers/contract';

const ref = { tenantId: crypto.randomUUID(), conversationId: crypto.randomUUID() };
const customer = { kind: 'contact' as const, id: '5511999990000', name: 'Cliente' };

function said(text: string): ConversationEvent {
  return { type: 'message.created', message: { text, author: customer, clientId: null } };
}

/** A conversation object nobody else uses, and a store of our own on its storage. */
async function withStore(name: string, run: (store: ConversationStore) => void): Promise<void> {
  const stub = env.CONVERSATIONS.get(env.CONVERSATIONS.idFromName(`outbox-tail-${name}`));
  await runInDurableObject(stub, async (_instance, state) => {
    run(new ConversationStore(state.storage, 5));
  });
}

function appendAll(store: ConversationStore, texts: string[]): void {
  for (const text of texts) store.append(ref, said(text), customer, null, new Date());
}

const textsOf = (events: { event: ConversationEvent }[]) =>
  events.map((e) => (e.event.type === 'message.created' ? e.event.message.text : e.event.type));

describe('the outbox tail', () => {
  it('hands over what SQLite holds, and only what follows the flush cursor', async () => {
    await withStore('basic', (store) => {
      appendAll(store, ['um', 'dois', 'três']);
      const fromTail = store.unflushed(ref, 500);
      expect(fromTail).toEqual(store.rangeAfter(ref, 0, store.lastSeq, 500));
      expect(textsOf(fromTail)).toEqual(['um', 'dois', 'três']);
      expect(store.unflushed(ref, 2).map((e) => e.seq)).toEqual([1, 2]);
      store.markFlushed(2);
      expect(store.unflushed(ref, 500).map((e) => e.seq)).toEqual([3]);
      store.markFlushed(3);
      expect(store.unflushed(ref, 500)).toEqual([]);
      appendAll(store, ['quatro']);
      expect(textsOf(store.unflushed(ref, 500))).toEqual(['quatro']);
    });
  });

  it('carries the redacted copy after a redaction, never the words as appended', async () => {
    await withStore('redacted', (store) => {
      appendAll(store, ['meu CPF é 123', 'e o endereço']);
      store.redact(null);
      const sent = store.unflushed(ref, 500);
      expect(sent.map((e) => e.seq)).toEqual([1, 2]);
      for (const e of sent) expect(e.event).toMatchObject({ message: { text: '', redacted: true } });
    });
  });

  it('past its size (Postgres away a while) falls back to SQLite, in order, nothing skipped', async () => {
    await withStore('long', (store) => {
      const texts = Array.from({ length: 1_203 }, (_, i) => `m${i + 1}`);
      appendAll(store, texts);
      const seen: number[] = [];
      for (let batch = store.unflushed(ref, 500); batch.length > 0; batch = store.unflushed(ref, 500)) {
        expect(batch).toEqual(store.rangeAfter(ref, store.flushedSeq, store.lastSeq, 500));
        seen.push(...batch.map((e) => e.seq));
        store.markFlushed((batch.at(-1) as { seq: number }).seq);
      }
      expect(seen).toEqual(texts.map((_, i) => i + 1));
    });
  });

  it('after a restart reads the unflushed events from SQLite', async () => {
    await withStore('restart', (store) => {
      appendAll(store, ['antes', 'do', 'reinício']);
      store.markFlushed(1);
      store.persistFlushProgress(new Date());
    });
    await withStore('restart', (store) => {
      expect(textsOf(store.unflushed(ref, 500))).toEqual(['do', 'reinício']);
    });
  });
});
