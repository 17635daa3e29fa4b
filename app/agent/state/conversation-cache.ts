// Recently opened conversations stay connected (a few), so switching back to one is instant and already
// current; the oldest is closed when another opens. Each lives in its own reactive root.
import { createRoot } from 'solid-js';
import { type ConversationState, createConversationState } from './conversation-state';

const KEEP = 4;

export class ConversationCache {
  private readonly entries = new Map<string, { state: ConversationState; dispose: () => void }>();

  constructor(
    private readonly myId: string,
    private readonly token: () => string,
  ) {}

  open(conversationId: string, lastSeq: number): ConversationState {
    const hit = this.entries.get(conversationId);
    if (hit) {
      // Most recently used goes last.
      this.entries.delete(conversationId);
      this.entries.set(conversationId, hit);
      return hit.state;
    }
    const entry = createRoot((dispose) => ({
      state: createConversationState({ conversationId, lastSeq, myId: this.myId, token: this.token }),
      dispose,
    }));
    this.entries.set(conversationId, entry);
    while (this.entries.size > KEEP) {
      const [oldest, e] = this.entries.entries().next().value as [string, typeof entry];
      e.state.close();
      e.dispose();
      this.entries.delete(oldest);
    }
    return entry.state;
  }

  closeAll(): void {
    for (const e of this.entries.values()) {
      e.state.close();
      e.dispose();
    }
    this.entries.clear();
  }
}
