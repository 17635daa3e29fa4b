// "Ana está digitando" with three bouncing dots while an agent types (a polite status, read once).
import { Show } from 'solid-js';
import { t } from '../i18n';

export function TypingLine(props: { name: string | null }) {
  return (
    <div class="fw-typing" role="status">
      <Show when={props.name}>
        {(name) => (
          <>
            <span class="fw-dots" aria-hidden="true">
              <i />
              <i />
              <i />
            </span>
            <span>{t().typing(name())}</span>
          </>
        )}
      </Show>
    </div>
  );
}
