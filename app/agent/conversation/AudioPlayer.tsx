// A voice note or audio file: the browser's own player (keyboard and screen readers come with it) on the
// file's proven-audio preview, with its duration once known. Loaded when the row comes near the viewport.
import { createResource, createSignal, Show } from 'solid-js';
import type { Attachment } from '../../../workers/contract';
import { useApp } from '../context';
import { DocumentCard } from './DocumentCard';
import { MediaIcon } from './MediaIcon';
import { cachedPreview } from './media-cache';
import { formatDuration, mt } from './media-i18n';
import { whenVisible } from './when-visible';

/** WhatsApp's voice notes are Ogg/Opus; other audio is a file the customer attached. */
const isVoice = (a: Attachment) => (a.mimeType ?? '').startsWith('audio/ogg');

export function AudioPlayer(props: { attachment: Attachment; conversationId: string; fileKey: string }) {
  const app = useApp();
  const [near, observe] = whenVisible();
  const [preview] = createResource(
    () => (near() ? props.fileKey : null),
    (key) => cachedPreview(app.session().token, props.conversationId, key),
  );
  const [duration, setDuration] = createSignal<number | null>(null);
  const label = () => (isVoice(props.attachment) ? mt().media.voice : mt().media.audio);
  return (
    <div class="audio-attachment" ref={observe}>
      <Show
        when={preview.state !== 'ready' || preview()?.kind === 'audio'}
        fallback={<DocumentCard attachment={props.attachment} conversationId={props.conversationId} />}
      >
        <span class="media-label">
          <MediaIcon name="mic" /> {label()}
          <Show when={duration()}>{(d) => <span class="muted"> · {formatDuration(d())}</span>}</Show>
        </span>
        <Show when={preview()} fallback={<span class="media-skeleton-bar audio" aria-hidden="true" />}>
          {(p) => (
            // biome-ignore lint/a11y/useMediaCaption: a customer's voice note has no captions to offer
            <audio
              controls
              preload="metadata"
              src={p().url}
              aria-label={label()}
              onLoadedMetadata={(e) => {
                const d = e.currentTarget.duration;
                if (Number.isFinite(d) && d > 0) setDuration(d);
              }}
            />
          )}
        </Show>
        <DocumentCard attachment={props.attachment} conversationId={props.conversationId} compact />
      </Show>
    </div>
  );
}
