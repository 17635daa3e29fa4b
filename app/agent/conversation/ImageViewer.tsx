// The picture viewer: a modal dialog over the app (the rest is inert, focus stays inside, Esc closes), the
// picture at full size, ← / → through the conversation's other pictures, and a download. It lives in a root
// of its own on document.body, so a timeline row scrolling away (virtualised) never closes it.
import { createEffect, createResource, createSignal, on, onCleanup, Show } from 'solid-js';
import { render } from 'solid-js/web';
import { downloadFile } from './attachment-file';
import { cachedPreview } from './media-cache';
import { mt } from './media-i18n';

export interface ViewerImage {
  key: string;
  filename: string | null;
  alt: string;
}

interface Viewing {
  token: string;
  conversationId: string;
  images: ViewerImage[];
  index: number;
  /** Where focus goes back to when the viewer closes. */
  opener: HTMLElement | null;
}

const [viewing, setViewing] = createSignal<Viewing | null>(null);
let mounted = false;

export function openImageViewer(v: Viewing): void {
  if (!mounted && typeof document !== 'undefined') {
    mounted = true;
    const host = document.createElement('div');
    document.body.appendChild(host);
    render(() => <ImageViewerHost />, host);
  }
  setViewing(v);
}

const FOCUSABLE = 'button:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

function ImageViewerHost() {
  let dialog!: HTMLDialogElement;
  const current = () => {
    const v = viewing();
    return v ? (v.images[v.index] ?? null) : null;
  };
  const [preview] = createResource(
    () => {
      const v = viewing();
      const image = current();
      return v && image ? { v, key: image.key } : null;
    },
    ({ v, key }) => cachedPreview(v.token, v.conversationId, key),
  );
  const close = () => {
    const opener = viewing()?.opener;
    setViewing(null);
    opener?.focus();
  };
  const step = (by: number) => {
    const v = viewing();
    if (!v || v.images.length < 2) return;
    setViewing({ ...v, index: (v.index + by + v.images.length) % v.images.length });
  };
  createEffect(
    on(
      () => viewing() !== null,
      (open) => {
        if (open && !dialog.open) {
          dialog.showModal();
          dialog.querySelector<HTMLElement>('.viewer-close')?.focus();
        } else if (!open && dialog.open) dialog.close();
      },
    ),
  );
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowRight') step(1);
    else if (e.key === 'ArrowLeft') step(-1);
    else if (e.key === 'Tab') {
      // Keep Tab inside the viewer (the page behind is inert, but the browser's own UI is not).
      const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) return;
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    } else return;
    if (e.key !== 'Tab') e.preventDefault();
  };
  const download = () => {
    const v = viewing();
    const image = current();
    if (v && image) void downloadFile(v.token, v.conversationId, image.key, image.filename ?? 'imagem');
  };
  onCleanup(() => dialog?.close());
  return (
    <dialog
      ref={dialog}
      class="image-viewer"
      aria-label={mt().viewer.title}
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
      onKeyDown={onKey}
      onClick={(e) => {
        // A click on the backdrop (the dialog itself, outside the picture and buttons) closes it.
        if (e.target === dialog) close();
      }}
    >
      <Show when={viewing()}>
        {(v) => (
          <div class="viewer-frame">
            <div class="viewer-bar">
              <span class="viewer-position" aria-live="polite">
                {mt().viewer.position(v().index + 1, v().images.length)}
                {current()?.filename ? ` · ${current()?.filename}` : ''}
              </span>
              <button type="button" class="viewer-download" onClick={download}>
                {mt().viewer.download}
              </button>
              <button type="button" class="viewer-close" onClick={close} aria-label={mt().viewer.close}>
                ✕
              </button>
            </div>
            <div class="viewer-stage">
              <Show when={v().images.length > 1}>
                <button
                  type="button"
                  class="viewer-step prev"
                  onClick={() => step(-1)}
                  aria-label={mt().viewer.previous}
                >
                  ‹
                </button>
              </Show>
              <Show
                when={preview()?.kind === 'image' && preview()}
                fallback={
                  <p class="muted">{preview.loading ? mt().viewer.loading : mt().media.unavailable}</p>
                }
              >
                {(p) => <img class="viewer-image" src={p().url} alt={current()?.alt ?? ''} />}
              </Show>
              <Show when={v().images.length > 1}>
                <button
                  type="button"
                  class="viewer-step next"
                  onClick={() => step(1)}
                  aria-label={mt().viewer.next}
                >
                  ›
                </button>
              </Show>
            </div>
          </div>
        )}
      </Show>
    </dialog>
  );
}
