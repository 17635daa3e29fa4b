// A file on a message: an image inline (its bytes fetched with the visitor's token; a click opens it at full
// size) or a file card (PDF and others) with "Baixar". The bytes come as object URLs, freed when the row goes.
import { createResource, createSignal, onCleanup, Show } from 'solid-js';
import type { Attachment } from '../../../../workers/contract/events';
import { fileUrl, type Session } from '../api';
import { t } from '../i18n';

function sizeText(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function FileView(props: { attachment: Attachment; session: Session | null }) {
  const a = () => props.attachment;
  const isImage = () => a().kind === 'image' && a().state === 'ready' && a().key !== null;
  return (
    <Show when={isImage()} fallback={<FileCard attachment={a()} session={props.session} />}>
      <InlineImage attachment={a()} session={props.session} />
    </Show>
  );
}

function InlineImage(props: { attachment: Attachment; session: Session | null }) {
  const [url] = createResource(
    () => (props.session && props.attachment.key ? { s: props.session, key: props.attachment.key } : null),
    ({ s, key }) => fileUrl(s, key, true),
  );
  const [full, setFull] = createSignal(false);
  onCleanup(() => {
    const u = url();
    if (u) URL.revokeObjectURL(u);
  });
  const alt = () => props.attachment.filename ?? t().image;
  return (
    <Show when={url()} fallback={<div class="fw-image-wait" aria-label={alt()} role="img" />}>
      {(src) => (
        <>
          <button
            type="button"
            class="fw-image"
            aria-label={`${t().openImage}: ${alt()}`}
            onClick={() => setFull(true)}
          >
            <img src={src()} alt={alt()} />
          </button>
          <Show when={full()}>
            <div
              class="fw-lightbox"
              role="dialog"
              aria-modal="true"
              aria-label={alt()}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  // Closes the viewer only: the widget's own Escape (minimise) skips a handled key.
                  e.preventDefault();
                  e.stopPropagation();
                  setFull(false);
                }
              }}
              onClick={() => setFull(false)}
            >
              <img src={src()} alt={alt()} />
              <button
                type="button"
                class="fw-lightbox-close"
                aria-label={t().closeImage}
                ref={(el) => queueMicrotask(() => el.focus())}
                onClick={() => setFull(false)}
              >
                ×
              </button>
            </div>
          </Show>
        </>
      )}
    </Show>
  );
}

function FileCard(props: { attachment: Attachment; session: Session | null }) {
  const name = () => props.attachment.filename ?? t().file;
  const isPdf = () => props.attachment.mimeType === 'application/pdf';
  async function download() {
    const s = props.session;
    const key = props.attachment.key;
    if (!s || !key) return;
    const url = await fileUrl(s, key, false);
    if (!url) return;
    const link = document.createElement('a');
    link.href = url;
    link.download = name();
    link.rel = 'noopener';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return (
    <div class="fw-file">
      <span class="fw-file-icon" aria-hidden="true">
        {isPdf() ? 'PDF' : '📄'}
      </span>
      <span class="fw-file-meta">
        <span class="fw-file-name">{name()}</span>
        <span class="fw-file-size">{sizeText(props.attachment.size)}</span>
      </span>
      <Show when={props.attachment.state === 'ready' && props.attachment.key}>
        <button type="button" class="fw-file-get" aria-label={`${t().download} ${name()}`} onClick={download}>
          {t().download}
        </button>
      </Show>
    </div>
  );
}
