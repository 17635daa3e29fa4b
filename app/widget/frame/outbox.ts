// The visitor's sends not yet in the timeline, shown at its end in send order: "Enviando" until their event
// arrives (the conversation client resends them with the same clientId after a reconnect), "Não enviada"
// when the server refused one (with its reason).
import { createSignal } from 'solid-js';

export interface OutgoingItem {
  clientId: string;
  text: string;
  /** A file being sent: its name (shown as a file card while it goes). */
  filename?: string;
  error: string | null;
}

export function createOutbox() {
  const [items, setItems] = createSignal<OutgoingItem[]>([]);
  return {
    items,
    add(item: Omit<OutgoingItem, 'error'>): void {
      setItems((list) => [...list, { ...item, error: null }]);
    },
    /** Its event arrived (or it was acknowledged and the event will follow): the timeline shows it now. */
    settle(clientIds: (clientId: string) => boolean): void {
      setItems((list) => {
        const next = list.filter((i) => !clientIds(i.clientId));
        return next.length === list.length ? list : next;
      });
    },
    fail(clientId: string, error: string): void {
      setItems((list) => list.map((i) => (i.clientId === clientId ? { ...i, error } : i)));
    },
    clear(): void {
      setItems([]);
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
