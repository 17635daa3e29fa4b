// The conversation as a log (role="log", aria-live polite: new messages are read out): the greeting, one
// li[data-seq] per event shown (messages, ticket lines), the visitor's sends still on their way, and who is
// typing. Stays scrolled to the newest message unless the visitor scrolled up to read.
import { createMemo, For, onCleanup, onMount, Show } from 'solid-js';
import type { MessageItem, TicketItem, TimelineItem } from '../../../lib/timeline';
import type { Session } from '../api';
import { t } from '../i18n';
import type { OutgoingItem } from '../outbox';
import { MessageRow, type RowContext } from './MessageRow';
import { CSAT_PREFIX, type Option } from './Options';
import { TypingLine } from './TypingLine';

const mineKinds = new Set(['visitor', 'contact']);

function ticketLine(i: TicketItem): string | null {
  if (i.change === 'closed') return t().closed(i.ticket.protocol);
  if ((i.change === 'taken' || i.change === 'assigned') && i.ticket.assigneeName)
    return t().joined(i.ticket.assigneeName);
  return null;
}

function shown(i: TimelineItem): boolean {
  if (i.kind === 'ticket') return ticketLine(i) !== null;
  if (i.kind !== 'message') return false;
  const m = i.message;
  return !m.reaction && (m.text !== '' || !!m.attachment || !!m.interactive || !!m.redacted);
}

export function Timeline(props: {
  items: readonly TimelineItem[];
  outgoing: OutgoingItem[];
  greeting: string;
  session: Session | null;
  agentReadSeq: number;
  typingName: string | null;
  footer?: string | null;
  onPick: (o: Option) => void;
}) {
  let scroller: HTMLDivElement | undefined;
  const visible = createMemo(() => props.items.filter(shown));
  const lastMine = createMemo(() => {
    const list = visible();
    for (let i = list.length - 1; i >= 0; i--) {
      const it = list[i] as TimelineItem;
      if (it.kind === 'message' && mineKinds.has(it.message.author.kind)) return it.seq;
    }
    return 0;
  });
  /** The newest options message, and the CSAT answers by the question they follow. */
  const answers = createMemo(() => {
    let lastOptions = 0;
    let answeredAfter = 0;
    const rated = new Map<number, number>();
    let openCsat = 0;
    for (const it of visible()) {
      if (it.kind !== 'message') continue;
      const m = it.message;
      if (m.interactive) {
        lastOptions = it.seq;
        if (m.interactive.kind === 'list' && m.interactive.sections[0]?.rows[0]?.id.startsWith(CSAT_PREFIX))
          openCsat = it.seq;
      } else if (mineKinds.has(m.author.kind)) {
        answeredAfter = it.seq;
        const id = m.choice?.id ?? '';
        if (openCsat && id.startsWith(CSAT_PREFIX)) rated.set(openCsat, Number(id.slice(CSAT_PREFIX.length)));
      }
    }
    return { active: lastOptions > answeredAfter ? lastOptions : 0, rated };
  });

  function ctx(item: MessageItem): RowContext {
    const mine = mineKinds.has(item.message.author.kind);
    const state =
      mine && item.seq === lastMine() ? (props.agentReadSeq >= item.seq ? t().read : t().sent) : null;
    return {
      session: props.session,
      active: answers().active === item.seq,
      rated: answers().rated.get(item.seq) ?? null,
      state,
      onPick: props.onPick,
    };
  }

  // Follows the newest message (new rows, images that finish loading, the typing line) unless the visitor
  // scrolled up to read.
  let stick = true;
  /** Where the last follow put the view: content growing after it must not read as the visitor scrolling up. */
  let followedTo = 0;
  let content: HTMLDivElement | undefined;
  onMount(() => {
    const follow = () => {
      if (!scroller || !stick) return;
      scroller.scrollTop = scroller.scrollHeight;
      followedTo = scroller.scrollTop;
    };
    const observer = new ResizeObserver(follow);
    if (content) observer.observe(content);
    if (scroller) observer.observe(scroller);
    onCleanup(() => observer.disconnect());
  });

  return (
    <div
      class="fw-scroll"
      ref={scroller}
      // Focusable, so a keyboard can scroll the thread when nothing inside it is (old options are disabled).
      tabindex="0"
      onScroll={(e) => {
        const el = e.currentTarget;
        stick = el.scrollTop >= followedTo - 4 || el.scrollHeight - el.scrollTop - el.clientHeight < 80;
      }}
    >
      <div class="fw-content" ref={content}>
        <p class="fw-greeting fw-greeting-bubble">{props.greeting}</p>
        <div role="log" aria-live="polite" aria-label={t().conversation}>
          <ol class="fw-timeline">
            <For each={visible()}>
              {(item) =>
                item.kind === 'message' ? (
                  <MessageRow item={item} ctx={ctx(item)} />
                ) : (
                  <li data-seq={item.seq} class="fw-row fw-system">
                    {ticketLine(item as TicketItem)}
                  </li>
                )
              }
            </For>
            <For each={props.outgoing}>
              {(o) => (
                <li class="fw-row fw-mine fw-pending">
                  <div class="fw-bubble">
                    <Show when={o.filename} fallback={<p class="fw-text">{o.text}</p>}>
                      <p class="fw-text">📎 {o.filename}</p>
                    </Show>
                  </div>
                  <span class={o.error ? 'fw-state fw-state-error' : 'fw-state'}>
                    {o.error ? `${t().failed}: ${o.error}` : t().sending}
                  </span>
                </li>
              )}
            </For>
          </ol>
        </div>
        <Show when={props.footer}>
          <p class="fw-footer-note" role="status">
            {props.footer}
          </p>
        </Show>
        <TypingLine name={props.typingName} />
      </div>
    </div>
  );
}
