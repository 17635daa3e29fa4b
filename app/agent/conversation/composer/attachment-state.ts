// The composer's one attachment at a time: checked, uploaded with progress (cancellable), then ready to
// send with the draft as its caption. A refused file or a failed upload leaves a message and nothing else.
import { createSignal, onCleanup } from 'solid-js';
import { ApiError } from '../../api';
import { checkFile } from './attachment-check';
import { type Upload, type UploadedAttachment, uploadFile } from './composer-api';
import { ct } from './composer-i18n';

export interface PendingAttachment {
  name: string;
  size: number;
  /** An object URL of the agent's own image, for the thumbnail (revoked when the chip goes). */
  thumb: string | null;
  /** 0…1 while uploading. */
  progress: number;
  uploaded: UploadedAttachment | null;
}

export function createAttachment(token: () => string, conversationId: string) {
  const [pending, setPending] = createSignal<PendingAttachment | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  let upload: Upload | null = null;

  function clear() {
    upload?.cancel();
    upload = null;
    const thumb = pending()?.thumb;
    if (thumb) URL.revokeObjectURL(thumb);
    setPending(null);
  }
  onCleanup(clear);

  /** Checks and uploads a file (from the button, a drop or a paste). */
  function attach(file: File) {
    setError(null);
    if (pending()) {
      setError(ct().attach.oneAtATime);
      return;
    }
    const check = checkFile(file);
    if (!check.ok) {
      setError(check.message);
      return;
    }
    const name = file.name || `imagem.${check.mimeType.split('/')[1] ?? 'png'}`;
    const typed = file.type ? file : new File([file], name, { type: check.mimeType });
    const thumb = check.mimeType.startsWith('image/') ? URL.createObjectURL(typed) : null;
    setPending({ name, size: file.size, thumb, progress: 0, uploaded: null });
    const current = uploadFile(token(), conversationId, typed, name, (progress) =>
      setPending((p) => (p ? { ...p, progress } : p)),
    );
    upload = current;
    current.done.then(
      (uploaded) => {
        if (upload !== current) return;
        upload = null;
        setPending((p) => (p ? { ...p, progress: 1, uploaded } : p));
      },
      (err: unknown) => {
        if (upload !== current) return;
        upload = null;
        clear();
        if (err instanceof ApiError && err.code === 'aborted') return;
        setError(ct().attach.uploadFailed(err instanceof Error ? err.message : String(err)));
      },
    );
  }

  return { pending, error, setError, attach, clear };
}
