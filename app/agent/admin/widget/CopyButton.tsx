// "Copiar" for a text shown on the widget screen (the code to paste, a new secret): writes it to the clipboard
// and says so in a status line beside the button; when the browser refuses, it selects the text instead and
// says how to copy it by hand.
import { createSignal } from 'solid-js';

export function CopyButton(props: {
  text: string;
  label: string;
  /** What a screen reader hears for the button when the visible label alone is ambiguous. */
  ariaLabel?: string;
  copied: string;
  failed: string;
  /** The element holding the text, selected when the clipboard is not available. */
  select: () => HTMLElement | undefined;
}) {
  const [said, setSaid] = createSignal('');

  async function copy() {
    setSaid('');
    try {
      await navigator.clipboard.writeText(props.text);
      setSaid(props.copied);
    } catch {
      const el = props.select();
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.select();
      else if (el) getSelection()?.selectAllChildren(el);
      setSaid(props.failed);
    }
  }

  return (
    <span class="wgt-copy">
      <button type="button" aria-label={props.ariaLabel} onClick={copy}>
        {props.label}
      </button>
      <span role="status" class="admin-hint">
        {said()}
      </span>
    </span>
  );
}
