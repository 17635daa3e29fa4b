// The pre-chat form the channel configured (Nome / Telefone (WhatsApp) / E-mail / CPF, in its order): every
// answer is checked here first (CPF check digits too), nothing is sent until all are fine, and the server's
// refusal is shown on the form.
import { createSignal, For, Show } from 'solid-js';
import type { PrechatAnswers, PrechatField, PrechatFieldName } from '../../../../workers/contract/widget';
import type { StartAnswers } from '../chat';
import { fieldProblem } from '../contact-checks';
import { t } from '../i18n';
import { Field } from './Field';

const INPUT: Record<
  PrechatFieldName,
  { type: string; autocomplete: string; inputmode: 'text' | 'tel' | 'email' | 'numeric' }
> = {
  name: { type: 'text', autocomplete: 'name', inputmode: 'text' },
  phone: { type: 'tel', autocomplete: 'tel', inputmode: 'tel' },
  email: { type: 'email', autocomplete: 'email', inputmode: 'email' },
  cpf: { type: 'text', autocomplete: 'off', inputmode: 'numeric' },
};

export function PrechatForm(props: {
  fields: PrechatField[];
  greeting: string;
  onStart: (a: StartAnswers) => Promise<string | null>;
  firstRef?: (el: HTMLElement) => void;
}) {
  const [values, setValues] = createSignal<Partial<Record<PrechatFieldName, string>>>({});
  const [problems, setProblems] = createSignal<Partial<Record<PrechatFieldName, string | null>>>({});
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<string | null>(null);
  const inputs: Partial<Record<PrechatFieldName, HTMLElement>> = {};

  async function submit(e: Event) {
    e.preventDefault();
    if (busy()) return;
    const found: Partial<Record<PrechatFieldName, string | null>> = {};
    for (const f of props.fields) found[f.field] = fieldProblem(f.field, values()[f.field] ?? '', f.required);
    setProblems(found);
    const first = props.fields.find((f) => found[f.field]);
    if (first) {
      inputs[first.field]?.focus();
      return;
    }
    const v = (k: PrechatFieldName) => values()[k]?.trim() || undefined;
    const contact: PrechatAnswers = {};
    const phone = v('phone');
    const email = v('email');
    const cpf = v('cpf');
    if (phone) contact.phone = phone;
    if (email) contact.email = email;
    if (cpf) contact.cpf = cpf;
    const name = v('name');
    setBusy(true);
    setFailure(null);
    const problem = await props.onStart({ ...(name ? { name } : {}), contact });
    setBusy(false);
    setFailure(problem);
  }

  return (
    <form class="fw-form" onSubmit={submit} noValidate>
      <p class="fw-greeting">{props.greeting}</p>
      <For each={props.fields}>
        {(f, i) => (
          <Field
            id={`fw-${f.field}`}
            label={t().fields[f.field]}
            required={f.required}
            value={values()[f.field] ?? ''}
            problem={problems()[f.field] ?? null}
            {...INPUT[f.field]}
            ref={(el) => {
              inputs[f.field] = el;
              if (i() === 0) props.firstRef?.(el);
            }}
            onInput={(val) => {
              setValues((o) => ({ ...o, [f.field]: val }));
              if (problems()[f.field]) setProblems((o) => ({ ...o, [f.field]: null }));
            }}
          />
        )}
      </For>
      <Show when={failure()}>
        <p class="fw-form-error" role="alert">
          {failure()}
        </p>
      </Show>
      <button type="submit" class="fw-primary" disabled={busy()}>
        {busy() ? t().starting : t().start}
      </button>
    </form>
  );
}
