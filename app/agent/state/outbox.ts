// Sends not yet acknowledged, per conversation, kept across reloads (localStorage): after a reload they are
// sent again with the same clientId, which the conversation object answers with the original ack if it had
// stored them, so nothing typed and sent is lost or doubled.
export interface OutboxEntry {
  clientId: string;
  text: string;
  mode: 'message' | 'note';
}

const key = (conversationId: string) => `fio.outbox.${conversationId}`;

export function loadOutbox(conversationId: string): OutboxEntry[] {
  try {
    const raw = localStorage.getItem(key(conversationId));
    const list = raw ? (JSON.parse(raw) as OutboxEntry[]) : [];
    return Array.isArray(list)
      ? list.filter((e) => typeof e.clientId === 'string' && typeof e.text === 'string')
      : [];
  } catch {
    return [];
  }
}

export function saveOutbox(conversationId: string, entries: readonly OutboxEntry[]): void {
  if (entries.length > 0) localStorage.setItem(key(conversationId), JSON.stringify(entries));
  else localStorage.removeItem(key(conversationId));
}
