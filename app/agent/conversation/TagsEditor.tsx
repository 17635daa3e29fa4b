// A ticket's tags: remove one with its button, add one by typing and pressing Enter. The whole list is sent
// (the server keeps them unique, case-insensitively).
import { createSignal, For, Show } from 'solid-js';
import { TAGS_MAX } from '../../../workers/contract';
import { t } from '../i18n';

export function TagsEditor(props: {
  tags: string[];
  disabled: boolean;
  onChange: (tags: string[]) => Promise<boolean>;
}) {
  const [draft, setDraft] = createSignal('');

  async function add() {
    const tag = draft().trim().slice(0, 40);
    if (!tag) return;
    if (props.tags.some((x) => x.toLowerCase() === tag.toLowerCase())) {
      setDraft('');
      return;
    }
    if (await props.onChange([...props.tags, tag])) setDraft('');
  }

  return (
    <fieldset class="tags">
      <legend class="visually-hidden">{t().ticket.tags}</legend>
      <ul>
        <For each={props.tags}>
          {(tag) => (
            <li class="tag">
              {tag}
              <button
                type="button"
                aria-label={t().ticket.removeTag(tag)}
                disabled={props.disabled}
                onClick={() => void props.onChange(props.tags.filter((x) => x !== tag))}
              >
                ×
              </button>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.tags.length < TAGS_MAX}>
        <input
          type="text"
          aria-label={t().ticket.addTag}
          placeholder={t().ticket.addTag}
          maxLength={40}
          value={draft()}
          disabled={props.disabled}
          onInput={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void add();
            }
          }}
        />
      </Show>
    </fieldset>
  );
}
