// A file still on its way from WhatsApp (a skeleton of the size it will take) or one that never arrived
// (the reason, as the media download recorded it): both look deliberate, never like a broken link.
import { Show } from 'solid-js';
import type { Attachment } from '../../../workers/contract';
import { t } from '../i18n';
import { MediaIcon } from './MediaIcon';
import { mt } from './media-i18n';

export function MediaStatus(props: { attachment: Attachment }) {
  const a = () => props.attachment;
  const label = () => `${t().attachment[a().kind]}${a().filename ? ` · ${a().filename}` : ''}`;
  return (
    <Show
      when={a().state === 'failed'}
      fallback={
        <div
          class={`media-skeleton ${a().kind}`}
          role="status"
          aria-label={`${label()}: ${mt().media.pending}`}
        >
          <span class="media-skeleton-bar" aria-hidden="true" />
          <span class="muted">{mt().media.pending}</span>
        </div>
      }
    >
      <div class="media-failed" role="note">
        <MediaIcon name="warning" class="media-icon" />
        <span>
          <strong>{mt().media.failed}</strong> <span class="muted">· {label()}</span>
          <br />
          <span class="muted">{a().error || mt().media.retryHint}</span>
        </span>
      </div>
    </Show>
  );
}
