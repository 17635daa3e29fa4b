// The canned-response picker shown while the draft is `/shortcut`: a listbox the composer drives with the
// arrow keys and Enter (the focus stays in the composer; aria-activedescendant names the active option).
import { For, Show } from 'solid-js';
import type { CannedResponse } from '../../../workers/contract';
import { t } from '../i18n';

export const CANNED_LIST_ID = 'canned-list';
export const cannedOptionId = (id: string) => `canned-${id}`;

export function CannedMenu(props: {
  items: CannedResponse[];
  active: number;
  onPick: (c: CannedResponse) => void;
}) {
  return (
    <div class="canned">
      <Show when={props.items.length > 0} fallback={<p class="hint">{t().canned.none}</p>}>
        <div id={CANNED_LIST_ID} role="listbox" aria-label={t().canned.label}>
          <For each={props.items}>
            {(c, i) => (
              // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard drives this list from the composer
              <div
                id={cannedOptionId(c.id)}
                role="option"
                tabIndex={-1}
                aria-selected={i() === props.active}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => props.onPick(c)}
              >
                <strong>/{c.shortcut}</strong> {c.title}
                <span class="preview">{c.body}</span>
              </div>
            )}
          </For>
        </div>
      </Show>
    </div>
  );
}
