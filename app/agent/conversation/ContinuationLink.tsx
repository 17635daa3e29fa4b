// In the conversation header: this thread continues another of the same contact (its number went down), or
// went on in another. A link opens the other thread.
import { Show } from 'solid-js';
import type { TicketSnapshot } from '../../../workers/contract';
import { navigate } from '../state/router';
import { poolText } from './number-pool-i18n';
import './number-pool.css';

export function ContinuationLink(props: { ticket: TicketSnapshot | null }) {
  const link = () => {
    const t = props.ticket;
    if (t?.continuedIn) return { ...t.continuedIn, label: poolText().continuedIn(t.continuedIn.channelName) };
    if (t?.continuedFrom)
      return { ...t.continuedFrom, label: poolText().continuedFrom(t.continuedFrom.channelName) };
    return null;
  };
  return (
    <Show when={link()}>
      {(l) => (
        <a
          class="continuation-link"
          href={`/conversations/${l().conversationId}`}
          data-testid="continuation-link"
          onClick={(e) => {
            e.preventDefault();
            navigate({ conversationId: l().conversationId });
          }}
        >
          {l().label}
        </a>
      )}
    </Show>
  );
}
