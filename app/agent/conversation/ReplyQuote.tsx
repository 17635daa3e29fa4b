// The message a customer replied to, quoted above their reply: found in the loaded timeline by its provider id
// (author and first line; a click brings it into view and focuses it), or "mensagem não carregada" when it
// is older than what is loaded (or was never ours to see).
import { Show } from 'solid-js';
import type { Message } from '../../../workers/contract';
import type { MessageItem } from '../../lib/timeline';
import { t } from '../i18n';
import type { ConversationState } from '../state/conversation-state';
import { authorName } from './author-name';
import { mt } from './media-i18n';

/** The event a timeline listens for to bring a seq into view (it is virtualised: the row may not exist yet). */
export const SCROLL_TO_SEQ = 'fio:scroll-to-seq';

/** One line saying what a message was. */
export function firstLine(m: Message): string {
  if (m.redacted) return t().redacted;
  const text = m.text.split('\n').find((l) => l.trim()) ?? '';
  if (text) return text;
  if (m.attachment) return t().attachment[m.attachment.kind];
  if (m.location) return mt().location.heading;
  if (m.contacts?.length) return m.contacts.map((c) => c.name).join(', ');
  if (m.order) return mt().order.heading;
  return mt().reply.noText;
}

export function ReplyQuote(props: { externalId: string; state: ConversationState }) {
  const quoted = () =>
    props.state
      .items()
      .find((i): i is MessageItem => i.kind === 'message' && i.message.externalId === props.externalId) ??
    null;

  const goTo = (seq: number, from: HTMLElement) => {
    from.closest('.scroller')?.dispatchEvent(new CustomEvent(SCROLL_TO_SEQ, { detail: seq }));
    // Once the virtualiser has placed the row, focus it so the agent (and a screen reader) lands there.
    let tries = 0;
    const focus = () => {
      const bubble = document.querySelector<HTMLElement>(`li[data-seq="${seq}"] .bubble`);
      if (bubble) {
        bubble.tabIndex = -1;
        bubble.focus({ preventScroll: false });
        bubble.classList.add('flash');
        setTimeout(() => bubble.classList.remove('flash'), 1500);
      } else if (tries++ < 10) requestAnimationFrame(focus);
    };
    requestAnimationFrame(focus);
  };

  return (
    <Show
      when={quoted()}
      fallback={
        <p class="reply-quote missing">
          <span class="muted">
            {mt().reply.label}: {mt().reply.notLoaded}
          </span>
        </p>
      }
    >
      {(q) => (
        <button
          type="button"
          class="reply-quote"
          onClick={(e) => goTo(q().seq, e.currentTarget)}
          aria-label={`${mt().reply.goTo(authorName(q().message.author))}: ${firstLine(q().message)}`}
        >
          <span class="reply-author">{authorName(q().message.author)}</span>
          <span class="reply-text">{firstLine(q().message)}</span>
        </button>
      )}
    </Show>
  );
}
