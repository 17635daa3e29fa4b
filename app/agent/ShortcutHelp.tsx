// The list of keyboard shortcuts (opened with ?), as a modal dialog.
import { createEffect, For } from 'solid-js';
import { t } from './i18n';

export function ShortcutHelp(props: { open: boolean; onClose: () => void }) {
  let dialog!: HTMLDialogElement;
  createEffect(() => {
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  });
  const rows = () => [
    ['Alt + ↓', t().shortcuts.next],
    ['Alt + ↑', t().shortcuts.previous],
    ['Alt + E', t().shortcuts.close],
    ['Alt + R', t().shortcuts.focus],
    ['Enter', t().shortcuts.send],
    ['Shift + Enter', t().shortcuts.newline],
    ['/', t().shortcuts.canned],
    ['?', t().shortcuts.help],
  ];
  return (
    <dialog ref={dialog} class="shortcuts" aria-labelledby="shortcuts-title" onClose={() => props.onClose()}>
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
  );
}
