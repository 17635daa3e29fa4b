// One submit flow for every admin form: check, send, then either report success or show the refusal inline
// and move focus to the first field that needs fixing.
import { createSignal, onMount } from 'solid-js';
import { focusFirst } from './fields';
import { type FormErrors, fromApiError, NO_ERRORS } from './form-errors';

export interface SaveOptions {
  /** Checks (throwing Invalid) and sends; resolves to the success message. */
  run: () => Promise<string>;
  /** Which field a 409 is about and what to say there. */
  conflict?: () => { field: string; message: string };
  onSaved: (message: string) => void;
  /** Focus the first field when the form appears (forms opened by a button); off for a screen's own form. */
  focusOnOpen?: boolean;
}

export function createSave(opts: SaveOptions) {
  const [errors, setErrors] = createSignal<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = createSignal(false);
  let form: HTMLFormElement | undefined;
  onMount(() => {
    if (opts.focusOnOpen !== false) focusFirst(form);
  });

  async function submit(e: SubmitEvent) {
    e.preventDefault();
    if (busy()) return;
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const message = await opts.run();
      opts.onSaved(message);
    } catch (err) {
      setErrors(fromApiError(err, opts.conflict?.()));
      focusFirst(form, true);
    } finally {
      setBusy(false);
    }
  }

  return {
    errors,
    busy,
    submit,
    ref: (el: HTMLFormElement) => {
      form = el;
    },
  };
}

/** A form's save flow as AdminForm and the fields read it. */
export type Save = ReturnType<typeof createSave>;
