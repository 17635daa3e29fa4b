// The list of keyboard shortcuts (opened with ?), as a modal dialog; in the page only while open.
import { For, Show } from 'solid-js';
import { ct } from './conversation/composer/composer-i18n';
import { t } from './i18n';

export function ShortcutHelp(props: { open: boolean; onClose: () => void }) {
  const rows = () => [
    ['Alt + ↓', t().shortcuts.next],
    ['Alt + ↑', t().shortcuts.previous],
    ['Alt + E', t().shortcuts.close],
    ['Alt + R', t().shortcuts.focus],
    ['Alt + T', ct().shortcut],
    ['Enter', t().shortcuts.send],
    ['Shift + Enter', t().shortcuts.newline],
    ['/', t().shortcuts.canned],
    ['?', t().shortcuts.help],
  ];
  return (
    <Show when={props.open}>
      <dialog
        ref={(d) => queueMicrotask(() => d.isConnected && !d.open && d.showModal())}
        class="shortcuts"
        aria-labelledby="shortcuts-title"
        onClose={() => props.onClose()}
      >
        <h2 id="shortcuts-title">{t().shortcuts.title}</h2>
        <dl>
          <For each={rows()}>
            {([keys, what]) => (
              <>
                <dt>
                  <kbd>{keys}</kbd>
                </dt>
                <dd>{what}</dd>
              </>
            )}
          </For>
        </dl>
        <button type="button" onClick={() => props.onClose()}>
          {t().shortcuts.dismiss}
        </button>
      </dialog>
    </Show>
  );
}
