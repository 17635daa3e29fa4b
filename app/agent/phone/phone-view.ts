// Which single column a phone shows: the list, the open conversation, or its contact's details. The list and
// the conversation are places in the URL (./state/router); the contact panel is a history entry of its own
// on top of the conversation's (same URL, state `fioContact`), so the browser's Back goes contact →
// conversation → list, exactly as the on-screen back buttons do. Wider screens show every column and ignore it.
import { createSignal } from 'solid-js';
import { navigate, place } from '../state/router';

export type PhoneView = 'list' | 'conversation' | 'contact';

interface EntryState {
  /** The URL of the place this entry was pushed from (set by the router). */
  from?: string;
  fioContact?: boolean;
}

const entry = (): EntryState => (history.state ?? {}) as EntryState;
// Bumped when this module pushes an entry itself; the router's place() covers every other change.
const [tick, setTick] = createSignal(0);

export function phoneView(): PhoneView {
  const p = place();
  tick();
  if (p.conversationId === null && !p.notFound) return 'list';
  return p.conversationId !== null && entry().fioContact === true ? 'contact' : 'conversation';
}

export function openContact(): void {
  history.pushState({ ...entry(), fioContact: true }, '', location.href);
  setTick((n) => n + 1);
}

/** Back from the contact's details (their history entry); false when they were not open. */
export function backToConversation(): boolean {
  if (entry().fioContact !== true) return false;
  history.back();
  return true;
}

/** Back to the list: the history entry before, when that is the list (so Back does not come here again). */
export function backToList(): void {
  const list = `/?view=${place().view}`;
  if (entry().from === list && entry().fioContact !== true) history.back();
  else navigate({ conversationId: null });
}
