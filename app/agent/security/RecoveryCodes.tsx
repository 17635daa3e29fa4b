// The recovery codes, shown once right after they are made: copy, download as a text file, and a
// "saved them" box that must be ticked before moving on, so nobody clicks past them by accident.
import { createSignal, For, onMount, Show } from 'solid-js';
import { st } from './security-i18n';

export function RecoveryCodes(props: { codes: string[]; onDone: () => void; doneLabel?: string }) {
  const [saved, setSaved] = createSignal(false);
  const [copied, setCopied] = createSignal(false);
  let heading: HTMLHeadingElement | undefined;
  onMount(() => heading?.focus());
  const text = () => `${st().fileHeader}\n\n${props.codes.join('\n')}\n`;
  const href = () => `data:text/plain;charset=utf-8,${encodeURIComponent(text())}`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(text());
      setCopied(true);
    } catch {
      // No clipboard (insecure origin, permission): the codes stay on screen and in the download.
      setCopied(false);
    }
  }

  return (
    <section class="recovery-codes" aria-labelledby="recovery-title">
      <h3 id="recovery-title" tabindex="-1" ref={heading}>
        {st().codesTitle}
      </h3>
      <p class="notice" role="note">
        {st().codesWarning}
      </p>
      <ol class="codes" aria-label={st().recoveryLabel}>
        <For each={props.codes}>
          {(code) => (
            <li>
              <code>{code}</code>
            </li>
          )}
        </For>
      </ol>
      <div class="row">
        <button type="button" onClick={() => void copy()}>
          {st().copy}
        </button>
        <a class="button" href={href()} download="fio-recovery-codes.txt">
          {st().download}
        </a>
        <Show when={copied()}>
          <span role="status">{st().copied}</span>
        </Show>
      </div>
      <label class="check">
        <input type="checkbox" checked={saved()} onChange={(e) => setSaved(e.currentTarget.checked)} />
        {st().saved}
      </label>
      <button type="button" class="primary" disabled={!saved()} onClick={() => props.onDone()}>
        {props.doneLabel ?? st().continue}
      </button>
    </section>
  );
}
