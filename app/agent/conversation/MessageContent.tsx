// What a message says and carries, each kind in its own small view: the forwarded mark, the quoted message,
// the ad it came from, its text, file, place, contact cards, order, the option picked from a list or buttons
// (with the row's description and the message it answers), reply buttons or a list we sent, a reaction, a template, or an unsupported type with its name.
import { Show } from 'solid-js';
import type { Message } from '../../../workers/contract';
import { t } from '../i18n';
import type { ConversationState } from '../state/conversation-state';
import { AttachmentView } from './AttachmentView';
import { previewKind } from './attachment-file';
import { ContactCards } from './ContactCards';
import type { ViewerImage } from './ImageViewer';
import { answeredAnchor, ChoiceView } from './interactive/ChoiceView';
import { InteractiveView } from './interactive/InteractiveView';
import { LocationCard } from './LocationCard';
import { mt } from './media-i18n';
import { OrderCard } from './OrderCard';
import { ReferralCard } from './ReferralCard';
import { ReplyQuote } from './ReplyQuote';
import './media.css';
import { MediaIcon } from './MediaIcon';

/** A customer's reaction, or its removal (stored with emoji null). */
function reactionLine(emoji: string | null): string {
  return emoji ? t().reaction(emoji) : t().reactionRemoved;
}

/** Every ready picture of the loaded conversation, oldest first, for the viewer's ← / →. */
function conversationImages(state: ConversationState): ViewerImage[] {
  return state.items().flatMap((i) => {
    if (i.kind !== 'message' || i.message.redacted) return [];
    const a = i.message.attachment;
    if (a?.state !== 'ready' || !a.key || previewKind(a.mimeType) !== 'image') return [];
    return [{ key: a.key, filename: a.filename, alt: mt().media.imageAlt(i.message.text || a.filename) }];
  });
}

export function MessageContent(props: { message: Message; seq: number; state: ConversationState }) {
  const m = () => props.message;
  // A list or button reply repeats its title as text: the choice view shows it once, with its description.
  // A place's text is its name or address, which its card already shows.
  const text = () => {
    const msg = m();
    // An interactive message's text is its body, which its own view shows with the buttons or rows.
    if (msg.choice || msg.interactive || msg.contacts?.length) return '';
    if (msg.location && (msg.text === msg.location.name || msg.text === msg.location.address)) return '';
    return msg.text;
  };
  return (
    <>
      <Show when={m().forwarded}>
        <p class="forwarded-mark">
          <MediaIcon name="forward" /> {mt().forwarded}
        </p>
      </Show>
      <Show when={!m().choice && m().replyToExternalId}>
        {(id) => <ReplyQuote externalId={id()} state={props.state} />}
      </Show>
      <Show when={m().redacted}>
        <p class="extra muted">{t().redacted}</p>
      </Show>
      <Show when={!m().redacted && m().referral}>{(r) => <ReferralCard referral={r()} />}</Show>
      <Show when={text()}>
        <p>{text()}</p>
      </Show>
      <Show when={!m().redacted && m().attachment}>
        {(a) => (
          <AttachmentView
            attachment={a()}
            conversationId={props.state.conversationId}
            caption={m().text}
            images={() => conversationImages(props.state)}
          />
        )}
      </Show>
      <Show when={!m().redacted && m().location}>{(l) => <LocationCard location={l()} />}</Show>
      <Show when={!m().redacted && (m().contacts?.length ?? 0) > 0 && m().contacts}>
        {(c) => <ContactCards contacts={c()} />}
      </Show>
      <Show when={!m().redacted && m().order}>{(o) => <OrderCard order={o()} />}</Show>
      <Show when={!m().redacted && m().interactive}>
        {(i) => <InteractiveView interactive={i()} anchor={answeredAnchor(props.seq)} />}
      </Show>
      <Show when={m().choice}>
        {(c) => <ChoiceView choice={c()} replyTo={m().replyToExternalId} state={props.state} />}
      </Show>
      <Show when={m().reaction}>{(r) => <p class="extra">{reactionLine(r().emoji)}</p>}</Show>
      <Show when={m().template}>{(tp) => <p class="extra muted">{t().template(tp().name)}</p>}</Show>
      <Show when={m().unsupported}>{(u) => <p class="extra muted">{t().unsupported(u().type)}</p>}</Show>
    </>
  );
}
