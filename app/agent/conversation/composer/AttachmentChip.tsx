// The attachment being prepared: a progress bar with Cancel while it uploads, then a chip (a thumbnail for
// an image, the name and size for any file) with Remove; the composer's text becomes its caption.
import { Show } from 'solid-js';
import type { PendingAttachment } from './attachment-state';
import { ct } from './composer-i18n';
import { DocumentIcon } from './icons';

export function AttachmentChip(props: { item: PendingAttachment; onRemove: () => void }) {
  const ready = () => props.item.uploaded !== null;
  return (
    <div class="attachment-chip" data-state={ready() ? 'ready' : 'uploading'}>
      <Show when={props.item.thumb} fallback={<DocumentIcon />}>
        {(src) => <img src={src()} alt="" class="attachment-thumb" />}
      </Show>
      <span class="attachment-meta">
        <span class="attachment-name">{props.item.name}</span>
        <span class="muted">{ct().attach.size(props.item.size)}</span>
        <Show
          when={ready()}
          fallback={
            <progress
              max={1}
              value={props.item.progress}
              aria-label={ct().attach.progress}
              title={ct().attach.uploading(props.item.name)}
            />
          }
        >
          <span class="muted">{ct().attach.ready}</span>
        </Show>
      </span>
      <button
        type="button"
        class="link"
        aria-label={`${ready() ? ct().attach.remove : ct().attach.cancel}: ${props.item.name}`}
        onClick={() => props.onRemove()}
      >
        {ready() ? ct().attach.remove : ct().attach.cancel}
      </button>
    </div>
  );
}
