// The customer's tap on a reply button or list row, shown as their choice ("Escolheu: Pix") rather than as
// typed text, linked to the message it answered (found by its provider id): a click brings that one into view.
import { createMemo, Show } from 'solid-js';
import type { Message } from '../../../../workers/contract';
import type { MessageItem } from '../../../lib/timeline';
import type { ConversationState } from '../../state/conversation-state';
import { ix } from './interactive-i18n';
import './interactive.css';

type Choice = NonNullable<Message['choice']>;

/** The id the answered message's bubble carries, so the choice can point at it. */
export const answeredAnchor = (seq: number) => `msg-${seq}`;

export function ChoiceView(props: {
  choice: Choice;
  replyTo: string | null | undefined;
  state: ConversationState;
}) {
  const answered = createMemo(() => {
    const id = props.replyTo;
    if (!id) return null;
    const found = props.state
      .items()
      .find((i): i is MessageItem => i.kind === 'message' && i.externalId === id && !!i.message.interactive);
    return found ?? null;
  });
  return (
    <div class="choice">
      <span class="choice-chip">
        {ix().chose}: <strong>{props.choice.title}</strong>
      </span>
      <Show when={props.choice.description}>
        <span class="choice-description">{props.choice.description}</span>
      </Show>
      <Show when={answered()}>
        {(a) => (
          <button
            type="button"
            class="choice-answered link"
            title={ix().showAnswered}
            onClick={() =>
              document.getElementById(answeredAnchor(a().seq))?.scrollIntoView({ block: 'center' })
            }
          >
            {ix().answering}: “{a().message.interactive?.body}”
          </button>
        )}
      </Show>
    </div>
  );
}
