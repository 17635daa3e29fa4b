// The composer's toolbar row: attach a file (a hidden file input behind a button) and open the template
// picker (WhatsApp Cloud numbers). One row with room for more tools (interactive messages go here too).
import { type JSX, Show } from 'solid-js';
import { SENDABLE_ACCEPT } from '../../../../workers/contract';
import { TEMPLATE_BUTTON_ID } from '../../awareness/shortcuts';
import { ct } from './composer-i18n';
import { PaperclipIcon } from './icons';

export function ComposerTools(props: {
  attach: boolean;
  templates: boolean;
  /** The template button is the primary action (the window is closed). */
  templatesPrimary: boolean;
  onFile: (file: File) => void;
  onTemplates: () => void;
  children?: JSX.Element;
}) {
  let input!: HTMLInputElement;
  return (
    <div class="composer-tools">
      <Show when={props.attach}>
        <button type="button" class="composer-attach" onClick={() => input.click()}>
          <PaperclipIcon />
          {ct().attachButton}
        </button>
        <input
          ref={input}
          type="file"
          class="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          aria-label={ct().attachButton}
          accept={SENDABLE_ACCEPT}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) props.onFile(file);
          }}
        />
      </Show>
      <Show when={props.templates}>
        <button
          type="button"
          id={TEMPLATE_BUTTON_ID}
          class={props.templatesPrimary ? 'primary' : undefined}
          aria-keyshortcuts="Alt+T"
          title={`${ct().templateShortcut} (Alt+T)`}
          onClick={() => props.onTemplates()}
        >
          {ct().templateButton}
        </button>
      </Show>
      {props.children}
    </div>
  );
}
