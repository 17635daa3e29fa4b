// "Anexar arquivo": picks an image (JPG, PNG) or a PDF; type and size are checked here first (the server
// decides again on the bytes), then the file is uploaded and sent as a message.
import { sendableByName, sendableRule } from '../../../../workers/contract/sendable-files';
import { t } from '../i18n';

const ALLOWED = ['image/jpeg', 'image/png', 'application/pdf'];
const ACCEPT = 'image/jpeg,image/png,application/pdf,.jpg,.jpeg,.png,.pdf';

/** Why this file cannot be sent, or null. */
export function fileProblem(file: File): string | null {
  const rule = (file.type && sendableRule(file.type)) || sendableByName(file.name);
  if (!rule || !ALLOWED.includes(rule.mimeType)) return t().fileType;
  return file.size > rule.maxBytes ? t().fileTooBig : null;
}

export function Attach(props: { disabled: boolean; onFile: (f: File) => void }) {
  let input: HTMLInputElement | undefined;
  return (
    <>
      <input
        ref={input}
        type="file"
        class="fw-hidden-input"
        accept={ACCEPT}
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) props.onFile(file);
        }}
      />
      <button
        type="button"
        class="fw-icon-button"
        aria-label={t().attach}
        title={t().attach}
        disabled={props.disabled}
        onClick={() => input?.click()}
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          <path
            d="M20.5 11.5l-8.1 8.1a5 5 0 01-7.1-7.1l8.5-8.5a3.3 3.3 0 014.7 4.7l-8.5 8.5a1.7 1.7 0 01-2.4-2.4l7.8-7.8"
            fill="none"
            stroke="currentColor"
            stroke-width="1.9"
            stroke-linecap="round"
          />
        </svg>
      </button>
    </>
  );
}
