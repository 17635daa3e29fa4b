// A file as a card: an icon for its kind, its name and size ("1,2 MB"), "Abrir anexo" (always a download) and
// "Visualizar" for a PDF the server proved to be one. `compact` is the download line under a picture.
import { createSignal, Show } from 'solid-js';
import type { Attachment } from '../../../workers/contract';
import { useApp } from '../context';
import { t } from '../i18n';
import { downloadFile, loadPreview, previewKind } from './attachment-file';
import { type IconName, MediaIcon } from './MediaIcon';
import { formatSize, mt } from './media-i18n';

const ICONS: Record<Attachment['kind'], IconName> = {
  image: 'image',
  audio: 'mic',
  video: 'video',
  document: 'document',
  sticker: 'image',
};

export function DocumentCard(props: { attachment: Attachment; conversationId: string; compact?: boolean }) {
  const app = useApp();
  const a = () => props.attachment;
  const [problem, setProblem] = createSignal(false);
  const token = () => app.session().token;
  const name = () => a().filename || t().attachment[a().kind];
  const isPdf = () => previewKind(a().mimeType) === 'pdf';

  const download = async () => {
    const key = a().key;
    if (!key) return;
    setProblem(false);
    const ok = await downloadFile(token(), props.conversationId, key, a().filename ?? 'anexo').catch(
      () => false,
    );
    setProblem(!ok);
  };
  const openPdf = async () => {
    const key = a().key;
    if (!key) return;
    setProblem(false);
    const pdf = await loadPreview(token(), props.conversationId, key).catch(() => null);
    if (pdf?.kind !== 'pdf') return download();
    window.open(pdf.url, '_blank', 'noopener');
    setTimeout(() => URL.revokeObjectURL(pdf.url), 60_000);
  };

  const actions = (
    <span class="document-actions">
      <Show when={isPdf()}>
        <button type="button" class="link" onClick={() => void openPdf()}>
          {t().attachment.preview}
        </button>
      </Show>
      <button type="button" class="link" onClick={() => void download()}>
        {t().attachment.open}
      </button>
    </span>
  );

  return (
    <>
      <Show
        when={!props.compact}
        fallback={
          <p class="media-line">
            <span class="muted">
              {name()}
              {a().size !== null ? ` · ${formatSize(a().size ?? 0)}` : ''}
            </span>{' '}
            {actions}
          </p>
        }
      >
        <div class="document-card">
          <MediaIcon name={ICONS[a().kind]} class="document-icon" />
          <span class="document-meta">
            <span class="document-name">{name()}</span>
            <span class="muted">
              {t().attachment[a().kind]}
              {' · '}
              {a().size !== null ? formatSize(a().size ?? 0) : mt().media.unknownSize}
            </span>
          </span>
          {actions}
        </div>
      </Show>
      <Show when={problem()}>
        <p class="error-text" role="alert">
          {t().attachment.downloadFailed}
        </p>
      </Show>
    </>
  );
}
