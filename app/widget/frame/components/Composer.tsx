// The visitor's composer: a textarea that grows with the text (label "Mensagem"), Enter sends and
// Shift+Enter breaks the line, "Enviar", the attach button; typing on/off reaches the agents.
import { createSignal } from 'solid-js';
import { t } from '../i18n';
import { Attach } from './Attach';

const TYPING_IDLE_MS = 3_000;
const MAX_HEIGHT = 128;

export function Composer(props: {
  onSend: (text: string) => void;
  onFile: (f: File) => void;
  onTyping: (on: boolean) => void;
  ref?: (el: HTMLTextAreaElement) => void;
}) {
  const [text, setText] = createSignal('');
  let area: HTMLTextAreaElement | undefined;
  let typing = false;
  let idle: ReturnType<typeof setTimeout> | undefined;

  function grow() {
    if (!area) return;
    area.style.height = 'auto';
    area.style.height = `${Math.min(area.scrollHeight, MAX_HEIGHT)}px`;
  }

  function stopTyping() {
    clearTimeout(idle);
    if (typing) {
      typing = false;
      props.onTyping(false);
    }
  }

  function input(value: string) {
    setText(value);
    grow();
    if (!value.trim()) return stopTyping();
    if (!typing) {
      typing = true;
      props.onTyping(true);
    }
    clearTimeout(idle);
    idle = setTimeout(stopTyping, TYPING_IDLE_MS);
  }

  function send() {
    const value = text().trim();
    if (!value) return;
    props.onSend(value);
    setText('');
    if (area) area.value = '';
    grow();
    stopTyping();
    area?.focus();
  }

  return (
    <form
      class="fw-composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <Attach disabled={false} onFile={props.onFile} />
      <label class="fw-sr" for="fw-message">
        {t().message}
      </label>
      <textarea
        id="fw-message"
        ref={(el) => {
          area = el;
          props.ref?.(el);
        }}
        rows={1}
        maxLength={4096}
        placeholder={`${t().message}…`}
        value={text()}
        onInput={(e) => input(e.currentTarget.value)}
        onBlur={stopTyping}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
            e.preventDefault();
            send();
          }
        }}
      />
      <button type="submit" class="fw-send" aria-label={t().send} title={t().send}>
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          <path d="M3.4 20.4l17.4-8.4L3.4 3.6l.1 6.5 12.4 1.9-12.4 1.9z" fill="currentColor" />
        </svg>
      </button>
    </form>
  );
}
