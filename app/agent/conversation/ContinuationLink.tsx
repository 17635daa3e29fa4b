// In the conversation header and on the inbox row: this thread continues another of the same contact (its
// number went down), or went on in another. A link opens the other thread.
import { Show } from 'solid-js';
import type { TicketSnapshot } from '../../../workers/contract';
import { navigate } from '../state/router';
import { poolText } from './number-pool-i18n';
import './number-pool.css';

export function ContinuationLink(props: {
  ticket: Pick<TicketSnapshot, 'continuedIn' | 'continuedFrom'> | null;
  /** On an inbox row: a small mark (↪) beside the row, not inside its button. */
  inRow?: boolean;
}) {
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
          class={props.inRow ? 'continuation-link in-row' : 'continuation-link'}
          href={`/conversations/${l().conversationId}`}
          data-testid={props.inRow ? 'row-continuation' : 'continuation-link'}
          onClick={(e) => {
            e.preventDefault();
            navigate({ conversationId: l().conversationId });
          }}
        >
          <Show when={props.inRow}>
            <span aria-hidden="true">↪ </span>
          </Show>
          {l().label}
        </a>
      )}
    </Show>
  );
}
