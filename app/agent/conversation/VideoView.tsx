// A video: a play button first (videos are large: nothing is fetched until the agent asks), then the browser's
// own player on the file's proven-video preview.
import { createResource, createSignal, Show } from 'solid-js';
import type { Attachment } from '../../../workers/contract';
import { useApp } from '../context';
import { DocumentCard } from './DocumentCard';
import { MediaIcon } from './MediaIcon';
import { cachedPreview } from './media-cache';
import { formatSize, mt } from './media-i18n';

export function VideoView(props: { attachment: Attachment; conversationId: string; fileKey: string }) {
  const app = useApp();
  const [wanted, setWanted] = createSignal(false);
  const [preview] = createResource(
    () => (wanted() ? props.fileKey : null),
    (key) => cachedPreview(app.session().token, props.conversationId, key),
  );
  const size = () => (props.attachment.size !== null ? ` · ${formatSize(props.attachment.size ?? 0)}` : '');
  return (
    <div class="video-attachment">
      <Show
        when={preview.state !== 'ready' || preview()?.kind === 'video'}
        fallback={<DocumentCard attachment={props.attachment} conversationId={props.conversationId} />}
      >
        <Show
          when={preview()}
          fallback={
            <button
              type="button"
              class="video-play"
              onClick={() => setWanted(true)}
              disabled={preview.loading}
            >
              <MediaIcon name="play" />
              {preview.loading ? mt().media.loadingVideo : mt().media.playVideo}
              <span class="muted">{size()}</span>
            </button>
          }
        >
          {(p) => (
            // biome-ignore lint/a11y/useMediaCaption: a customer's video has no captions to offer
            <video class="video-player" controls autoplay playsinline src={p().url} />
          )}
        </Show>
        <DocumentCard attachment={props.attachment} conversationId={props.conversationId} compact />
      </Show>
    </div>
  );
}
