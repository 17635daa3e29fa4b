// Who is typing in this conversation right now (the customer, or another agent), announced politely.
import type { Participant } from '../../../workers/contract';
import { t } from '../i18n';
import type { ConversationState } from '../state/conversation-state';

function label(p: Participant): string {
  return p.kind === 'visitor' ? t().customer : (p.name ?? t().authors.agent);
}

export function TypingLine(props: { state: ConversationState }) {
  return (
    <p class="typing" aria-live="polite">
      {props.state
        .typing()
        .map((p) => t().typing(label(p)))
        .join(' ')}
    </p>
  );
}
