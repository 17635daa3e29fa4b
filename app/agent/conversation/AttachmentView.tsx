// A message's file: its kind and name, pending or failed states, "Abrir anexo" (always a download), an
// inline picture for images and "Visualizar" for PDFs, only when the bytes were proven to be one
// (attachment-file.ts says why nothing else is ever shown).
import { createResource, createSignal, Match, onCleanup, Show, Switch } from 'solid-js';
import type { Attachment } from '../../../workers/contract';
import { useApp } from '../context';
import { t } from '../i18n';
import { downloadFile, loadPreview, previewKind } from './attachment-file';

export function AttachmentView(props: { attachment: Attachment; conversationId: string }) {
  const app = useApp();
  const a = () => props.attachment;
  const [problem, setProblem] = createSignal(false);
  const token = () => app.session().token;
  const readyKey = () => (a().state === 'ready' ? a().key : null);
  const proven = () => (readyKey() ? previewKind(a().mimeType) : null);
  const label = () => `${t().attachment[a().kind]}${a().filename ? ` · ${a().filename}` : ''}`;

  const [image] = createResource(
    () => (proven() === 'image' ? readyKey() : null),
    (key) => loadPreview(token(), props.conversationId, key),
  );
  onCleanup(() => {
    const shown = image();
    if (shown) URL.revokeObjectURL(shown.url);
  });

  const download = async (key: string) => {
    setProblem(false);
    const ok = await downloadFile(token(), props.conversationId, key, a().filename ?? 'anexo').catch(
      () => false,
    );
    setProblem(!ok);
  };
  const openPdf = async (key: string) => {
    setProblem(false);
    const pdf = await loadPreview(token(), props.conversationId, key).catch(() => null);
    if (pdf?.kind !== 'pdf') return download(key);
    window.open(pdf.url, '_blank', 'noopener');
    setTimeout(() => URL.revokeObjectURL(pdf.url), 60_000);
  };

  return (
    <div class="attachment">
      <Show when={image()?.kind === 'image' && image()}>
        {(shown) => <img class="attachment-preview" src={shown().url} alt={label()} />}
      </Show>
      <p>
        <span>📎 {label()}</span>{' '}
        <Switch>
          <Match when={a().state === 'pending'}>
            <span class="muted">{t().attachment.pending}</span>
          </Match>
          <Match when={a().state === 'failed'}>
            <span class="error-text">
              {t().attachment.failed}
              {a().error ? `: ${a().error}` : ''}
            </span>
          </Match>
          <Match when={readyKey()}>
            {(key) => (
              <>
                <Show when={proven() === 'pdf'}>
                  <button type="button" class="link" onClick={() => void openPdf(key())}>
                    {t().attachment.preview}
                  </button>
                </Show>
                <button type="button" class="link" onClick={() => void download(key())}>
                  {t().attachment.open}
                </button>
              </>
            )}
          </Match>
        </Switch>
      </p>
      <Show when={problem()}>
        <p class="error-text" role="alert">
          {t().attachment.downloadFailed}
        </p>
      </Show>
    </div>
  );
}
