// One open conversation: who it is with, the ticket and its actions, the timeline and the composer, over a
// conversation socket opened near its end (since = lastSeq − 100). A conversation the live inbox does not
// hold (found by search) is looked up first.
import { createEffect, createMemo, createResource, createSignal, onCleanup, Show, untrack } from 'solid-js';
import type { InboxSummary } from '../../../workers/contract';
import { formatPhone } from '../../../workers/contract/phone-format';
import { botBrief, latestTicket } from '../../lib/bot-brief';
import { ApiError } from '../api';
import { useApp } from '../context';
import { getChannelState, getSummary } from '../endpoints';
import { t } from '../i18n';
import { contactLabel } from '../inbox/ConversationList';
import { BackToList, ContactToggle } from '../phone/PhoneNav';
import { useClock } from '../sla/clock';
import { SlaBadge } from '../sla/SlaBadge';
import { BotBriefBlock } from './BotBriefBlock';
import { Composer } from './Composer';
import { ContinuationLink } from './ContinuationLink';
import { NumberDownBanner } from './NumberDownBanner';
import { TicketBar } from './TicketBar';
import { Timeline } from './Timeline';
import { TypingLine } from './TypingLine';
import { currentSummary, newestTicketItem } from './ticket-view';

export function ConversationPane(props: { conversationId: string }) {
  const app = useApp();
  const id = props.conversationId;
  const [missing, setMissing] = createSignal(false);
  if (!app.inbox.summary(id)) {
    getSummary(app.session().token, id)
      .then((s) => app.inbox.learn(s))
      .catch((err) => {
        if (err instanceof ApiError && err.status === 404) setMissing(true);
      });
  }
  // The last summary seen stays on screen if the inbox lets go of it (a reset, or closed for days).
  const summary = createMemo<InboxSummary | null>((prev) => app.inbox.summary(id) ?? prev, null);
  const known = createMemo(() => summary() !== null);
  const state = createMemo(() => {
    if (!known()) return null;
    return untrack(() => app.conversations.open(id, summary()?.lastSeq ?? 0));
  });

  // The window matters only for WhatsApp; asked again whenever the customer writes (it reopens the window) and
  // whenever the number's health changes (the inbox socket says so), so the number-down banner follows live.
  const [channel] = createResource(
    () => {
      const s = summary();
      if (!s || s.channelKind === 'widget') return false;
      return `${state()?.customerActivity() ?? 0}|${app.inbox.channelNews(s.channelId)}`;
    },
    () => getChannelState(app.session().token, id).catch(() => undefined),
  );
  // The ticket as its newest event left it: what the bot handed over is read first, above the timeline.
  const ticket = createMemo(() => latestTicket(state()?.items() ?? []));
  const brief = createMemo(() => botBrief(ticket()));
  // The bar shows the newer of the inbox summary and the newest ticket event (ticket-view.ts).
  const newestTicket = createMemo(() => newestTicketItem(state()?.items() ?? []));

  const clockNow = useClock();
  const windowClosed = () => channel()?.whatsapp === true && channel()?.windowOpen === false;

  // Read marker: whenever the conversation is on screen and the tab visible, up to the newest event.
  const [visible, setVisible] = createSignal(document.visibilityState === 'visible');
  const onVisibility = () => setVisible(document.visibilityState === 'visible');
  document.addEventListener('visibilitychange', onVisibility);
  onCleanup(() => document.removeEventListener('visibilitychange', onVisibility));
  let readSent = 0;
  createEffect(() => {
    const s = state();
    if (!s || !visible() || s.connection() !== 'live') return;
    const last = s.lastSeq();
    const unread = summary()?.unread ?? 0;
    if (last > readSent || (unread > 0 && last > 0)) {
      readSent = last;
      s.markRead(last);
    }
  });

  return (
    <Show
      when={summary()}
      fallback={<p class="empty">{missing() ? t().conversationNotFound : t().loading}</p>}
    >
      {(s) => (
        <section class="conversation" aria-labelledby="conversation-title">
          <header class="conversation-head">
            <BackToList />
            <h2 id="conversation-title">{contactLabel(s().contact)}</h2>
            <ContactToggle />
            <Show when={s().contact.phone && formatPhone(s().contact.phone ?? '')}>
              {(phone) => (
                <Show when={phone() !== contactLabel(s().contact)}>
                  <span class="muted phone">{phone()}</span>
                </Show>
              )}
            </Show>
            <span class="muted">{t().channel[s().channelKind]}</span>
            <span class="protocol">
              {t().ticket.protocol} <strong>{s().protocol ?? t().ticket.noProtocol}</strong>
            </span>
            <SlaBadge sla={s().sla} now={clockNow()} />
            <Show when={state()}>
              {(st) => (
                <span class={`connection ${st().connection()}`} role="status">
                  {t().connection[st().connection()]}
                </span>
              )}
            </Show>
            <ContinuationLink ticket={ticket()} />
          </header>
          <TicketBar
            summary={currentSummary(s(), newestTicket())}
            erpProtocol={ticket()?.erpProtocol ?? null}
          />
          <Show when={brief()}>{(b) => <BotBriefBlock brief={b()} />}</Show>
          <Show when={state()}>
            {(st) => (
              <>
                <Timeline state={st()} summary={s()} />
                <TypingLine state={st()} />
                <Show when={channel()}>
                  {(ch) => (
                    <NumberDownBanner conversationId={id} state={ch()} ticketOpen={s().status !== 'closed'} />
                  )}
                </Show>
                <Composer state={st()} summary={s()} windowClosed={windowClosed()} />
              </>
            )}
          </Show>
        </section>
      )}
    </Show>
  );
}
