// The conversations of the current view, in the inbox's order (priority, then longest wait): contact,
// last message (the bot's marked as such), priority, SLA badge, unread badge, wait time and who has it; a thread continued
// on another number links to the other one (↪). The open conversation stays in the list, marked, when it has
// left the view (listWithOpen).
import { Show } from 'solid-js';
import type { InboxSummary } from '../../../workers/contract';
import { formatPhone } from '../../../workers/contract/phone-format';
import { ContinuationLink } from '../conversation/ContinuationLink';
import { tr } from '../conversation/ticket-rules-i18n';
import { formatAge, formatWhen, t } from '../i18n';
import { PriorityChip } from '../priority/PriorityChip';
import { useClock } from '../sla/clock';
import { SlaBadge } from '../sla/SlaBadge';
import { ConversationRows } from './ConversationRows';
import { OutageTag } from './outage/OutageBanner';
import type { OutageState } from './outage/outage-state';
import '../conversation/ticket-rules.css';

/**
 * The contact's name, else their phone as people write it (+55 (11) 98765-4321), else "no name". A WhatsApp
 * profile without a name arrives named by its number: that is the phone, formatted too.
 */
export function contactLabel(c: InboxSummary['contact']): string {
  const named = c.name !== null && !(c.phone && c.name.replace(/\D/g, '') === c.phone.replace(/\D/g, ''));
  if (named) return c.name as string;
  return c.phone ? formatPhone(c.phone) : (c.name ?? t().unknownContact);
}

/**
 * The view's list, with the open conversation first when a change moved it out of the view (taken, closed,
 * transferred, or opened from a search): the agent never sees "Nenhuma conversa" beside what they work on.
 */
export function listWithOpen(list: InboxSummary[], open: InboxSummary | null): InboxSummary[] {
  if (!open || list.some((s) => s.conversationId === open.conversationId)) return list;
  return [open, ...list];
}

export function ConversationList(props: {
  summaries: InboxSummary[];
  openId: string | null;
  /** The open conversation shown although it is not in this view (see listWithOpen). */
  keptId?: string | null;
  /** Active outages, to mark the rows one caused. */
  outages?: OutageState;
}) {
  const clockNow = useClock();
  return (
    <ConversationRows
      items={props.summaries}
      empty={t().noConversations}
      openId={props.openId}
      aside={(s) => <ContinuationLink ticket={s()} inRow />}
    >
      {(s) => (
        <>
          <Show when={s().conversationId === props.keptId}>
            <span class="kept-open">{tr().keptInList}</span>
          </Show>
          <span class="line">
            <strong class="name">{contactLabel(s().contact)}</strong>
            <Show when={s().unread > 0}>
              <span class="badge" aria-hidden="true">
                {s().unread}
              </span>
              <span class="visually-hidden">{t().unread(s().unread)}</span>
            </Show>
          </span>
          <span class="preview">
            <Show when={s().lastMessage?.authorKind === 'bot'}>
              <span class="by-bot">{t().authors.bot}: </span>
            </Show>
            {s().lastMessage?.text ?? ''}
          </span>
          <span class="meta">
            <Show when={s().outageId}>{(id) => <OutageTag outage={props.outages?.byId(id())} />}</Show>
            <PriorityChip priority={s().priority} />
            <SlaBadge sla={s().sla} now={clockNow()} />
            <span>{t().channel[s().channelKind]}</span>
            <Show when={s().assigneeName}>{(n) => <span>{t().assignedTo(n())}</span>}</Show>
            <Show
              when={s().waitingSince && s().status !== 'closed'}
              fallback={<time datetime={s().updatedAt}>{formatWhen(s().updatedAt, clockNow())}</time>}
            >
              <span class="waiting">{t().waiting(formatAge(s().waitingSince ?? '', clockNow()))}</span>
            </Show>
          </span>
        </>
      )}
    </ConversationRows>
  );
}
