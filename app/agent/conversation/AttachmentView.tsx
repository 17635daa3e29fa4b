// A message's file, shown as what it is: a picture as a thumbnail that opens the viewer, a voice note or audio
// as a player, a video behind a play button, anything else as a document card with its name, size and a
// download. Pending and failed downloads have their own look (MediaStatus). Only bytes the server proved to
// be a picture, audio or video are ever shown inline (attachment-file.ts says why); the rest is downloaded.
import { createResource, createSignal, Match, Show, Switch } from 'solid-js';
import type { Attachment } from '../../../workers/contract';
import { useApp } from '../context';
import { AudioPlayer } from './AudioPlayer';
import { previewKind } from './attachment-file';
import { DocumentCard } from './DocumentCard';
import { openImageViewer, type ViewerImage } from './ImageViewer';
import { MediaStatus } from './MediaStatus';
import { cachedPreview } from './media-cache';
import { mt } from './media-i18n';
import { VideoView } from './VideoView';
import { whenVisible } from './when-visible';

export interface AttachmentProps {
  attachment: Attachment;
  conversationId: string;
  /** The message's caption, for the picture's alternative text. */
  caption?: string | null;
  /** Every ready picture of the loaded conversation, for the viewer's ← / →. */
  images?: () => ViewerImage[];
}

export function AttachmentView(props: AttachmentProps) {
  const a = () => props.attachment;
  const readyKey = () => (a().state === 'ready' ? a().key : null);
  const proven = () => (readyKey() ? previewKind(a().mimeType) : null);
  return (
    <div class="attachment">
      <Switch fallback={<DocumentCard attachment={a()} conversationId={props.conversationId} />}>
        <Match when={a().state !== 'ready' || !readyKey()}>
          <MediaStatus attachment={a()} />
        </Match>
        <Match when={proven() === 'image' && readyKey()}>
          {(key) => <ImageThumb {...props} fileKey={key()} />}
        </Match>
        <Match when={proven() === 'audio' && readyKey()}>
          {(key) => <AudioPlayer attachment={a()} conversationId={props.conversationId} fileKey={key()} />}
        </Match>
        <Match when={proven() === 'video' && readyKey()}>
          {(key) => <VideoView attachment={a()} conversationId={props.conversationId} fileKey={key()} />}
        </Match>
      </Switch>
    </div>
  );
}

/** A lazy thumbnail (at most 240 px, its shape kept); a file the server will not show as a picture is a document. */
function ImageThumb(props: AttachmentProps & { fileKey: string }) {
  const app = useApp();
  const [near, observe] = whenVisible();
  const [preview] = createResource(
    () => (near() ? props.fileKey : null),
    (key) => cachedPreview(app.session().token, props.conversationId, key),
  );
  const [button, setButton] = createSignal<HTMLButtonElement>();
  const alt = () => mt().media.imageAlt(props.caption || props.attachment.filename);
  const open = () => {
    const all = props.images?.() ?? [];
    const index = all.findIndex((i) => i.key === props.fileKey);
    const self = { key: props.fileKey, filename: props.attachment.filename, alt: alt() };
    openImageViewer({
      token: app.session().token,
      conversationId: props.conversationId,
      images: index >= 0 ? all : [self],
      index: Math.max(0, index),
      opener: button() ?? null,
    });
  };
  return (
    <Show
      when={preview.state !== 'ready' || preview()?.kind === 'image'}
      fallback={<DocumentCard attachment={props.attachment} conversationId={props.conversationId} />}
    >
      <div class="image-attachment" ref={observe}>
        <button
          type="button"
          class="media-thumb"
          ref={setButton}
          onClick={open}
          aria-label={mt().media.openImage(alt())}
          disabled={!preview()}
        >
          <Show when={preview()} fallback={<span class="media-skeleton-bar thumb" aria-hidden="true" />}>
            {(p) => <img class="attachment-preview" src={p().url} alt={alt()} decoding="async" />}
          </Show>
        </button>
        <DocumentCard attachment={props.attachment} conversationId={props.conversationId} compact />
      </div>
    </Show>
  );
}
