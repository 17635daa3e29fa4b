// One timeline row: a message (author, what it says and carries — MessageContent —, delivery ticks), a private note (styled apart, never
// seen by the customer), a ticket line (taken, transferred, closed… with the protocol), or a send still on
// its way (pending, or failed with a retry).
import { Match, Show, Switch } from 'solid-js';
import type { InboxSummary } from '../../../workers/contract';
import type { BotItem, MessageItem, NoteItem, TicketItem, TimelineItem } from '../../lib/timeline';
import { formatWhen, t } from '../i18n';
import { Stars } from '../sla/Stars';
import type { ConversationState, PendingSend } from '../state/conversation-state';
import { authorName } from './author-name';
import { MessageContent } from './MessageContent';

const fromUs = (kind: string) => kind === 'agent' || kind === 'bot' || kind === 'system';

export function TimelineRow(props: { item: TimelineItem; state: ConversationState; summary: InboxSummary }) {
  return (
    <Switch>
      <Match when={props.item.kind === 'message' && (props.item as MessageItem)}>
        {(m) => <MessageRow item={m()} state={props.state} summary={props.summary} />}
      </Match>
      <Match when={props.item.kind === 'note' && (props.item as NoteItem)}>
        {(n) => (
          <article class="bubble note">
            <span class="who">
              {t().note} · {authorName(n().note.author)}
            </span>
            <Show when={!n().note.redacted} fallback={<p class="extra muted">{t().redacted}</p>}>
              <p>{n().note.text}</p>
            </Show>
            <time datetime={n().createdAt}>{formatWhen(n().createdAt)}</time>
          </article>
        )}
      </Match>
      <Match when={props.item.kind === 'ticket' && (props.item as TicketItem)}>
        {(e) => (
          <p class={`system-line ticket-${e().change}`}>
            <Show when={e().change === 'rated' && e().ticket.csat}>
              {(c) => (
                <>
                  <Stars score={c().score} />{' '}
                </>
              )}
            </Show>
            {t().ticketLine[e().change](authorName(e().by), e().ticket, e().detail)}{' '}
            <time datetime={e().createdAt}>{formatWhen(e().createdAt)}</time>
          </p>
        )}
      </Match>
      <Match when={props.item.kind === 'bot' && (props.item as BotItem)}>
        {(b) => (
          <p class="system-line bot-line">
            {t().botLine[b().activity.code](b().activity.params ?? {})}{' '}
            <time datetime={b().createdAt}>{formatWhen(b().createdAt)}</time>
          </p>
        )}
      </Match>
    </Switch>
  );
}

function MessageRow(props: { item: MessageItem; state: ConversationState; summary: InboxSummary }) {
  const m = () => props.item.message;
  const ours = () => fromUs(m().author.kind);
  // Widget messages have no delivery reports: stored is "sent"; the visitor's read marker makes it "read".
  const delivery = (): { label: string; tick: string } | null => {
    if (!ours()) return null;
    const status = props.item.status;
    if (status) return { label: t().delivery[status], tick: status };
    if (props.summary.channelKind !== 'widget') return null;
    return props.state.customerRead() >= props.item.seq
      ? { label: t().readByCustomer, tick: 'read' }
      : { label: t().stored, tick: 'sent' };
  };
  const bot = () => m().author.kind === 'bot';
  return (
    <article class={`bubble ${ours() ? 'mine' : 'theirs'}${bot() ? ' bot' : ''}`}>
      <span class="who">{authorName(m().author, props.summary.contact)}</span>
      <MessageContent message={m()} seq={props.item.seq} state={props.state} />
      <span class="foot">
        <time datetime={props.item.createdAt}>{formatWhen(props.item.createdAt)}</time>
        <Show when={delivery()}>{(d) => <span class={`delivery ${d().tick}`}>{d().label}</span>}</Show>
      </span>
      <Show when={props.item.error}>
        <p class="error-text">{props.item.error}</p>
      </Show>
    </article>
  );
}

export function PendingRow(props: { pending: PendingSend; state: ConversationState }) {
  const p = () => props.pending;
  const reason = () => (p().code === 'window_closed' ? t().windowClosed : p().error);
  return (
    <article class={`bubble mine pending ${p().mode === 'note' ? 'note' : ''} ${p().state}`}>
      <Show when={p().mode === 'note'}>
        <span class="who">{t().note}</span>
      </Show>
      <p>{p().text}</p>
      <span class="foot">
        <span class="delivery">{p().state === 'failed' ? t().failedSend : t().pendingSend}</span>
      </span>
      <Show when={p().state === 'failed'}>
        <p class="error-text">{reason()}</p>
        <span class="actions">
          <button type="button" onClick={() => props.state.retry(p().clientId)}>
            {t().retry}
          </button>
          <button type="button" onClick={() => props.state.discard(p().clientId)}>
            {t().discard}
          </button>
        </span>
      </Show>
    </article>
  );
}
