// Outside business hours: the visitor leaves a name, a phone or e-mail and the message ("Deixar
// mensagem"); the session starts with that contact and the message is sent, then the chat says when
// someone will answer.
import { createSignal, Show } from 'solid-js';
import type { PrechatAnswers } from '../../../../workers/contract/widget';
import type { StartAnswers } from '../chat';
import { emailProblem, phoneProblem } from '../contact-checks';
import { t } from '../i18n';
import { Field } from './Field';

export function OfflineForm(props: {
  onLeave: (a: StartAnswers, message: string) => Promise<string | null>;
  firstRef?: (el: HTMLElement) => void;
}) {
  const [name, setName] = createSignal('');
  const [reach, setReach] = createSignal('');
  const [message, setMessage] = createSignal('');
  const [problems, setProblems] = createSignal<{
    name?: string | null;
    reach?: string | null;
    message?: string | null;
  }>({});
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<string | null>(null);
  let nameEl: HTMLElement | undefined;
  let reachEl: HTMLElement | undefined;
  let messageEl: HTMLElement | undefined;

  // A field being corrected loses its error at once (as in the pre-chat form); the next send checks again.
  const clear = (field: 'name' | 'reach' | 'message') => {
    if (problems()[field]) setProblems((o) => ({ ...o, [field]: null }));
  };

  function contactOf(v: string): { contact: PrechatAnswers; problem: string | null } {
    if (!v) return { contact: {}, problem: t().phoneOrEmail };
    if (v.includes('@')) return { contact: { email: v }, problem: emailProblem(v) };
    return { contact: { phone: v }, problem: phoneProblem(v) };
  }

  async function submit(e: Event) {
    e.preventDefault();
    if (busy()) return;
    const c = contactOf(reach().trim());
    const found = {
      name: name().trim() ? null : t().required,
      reach: c.problem,
      message: message().trim() ? null : t().required,
    };
    setProblems(found);
    if (found.name) return nameEl?.focus();
    if (found.reach) return reachEl?.focus();
    if (found.message) return messageEl?.focus();
    setBusy(true);
    setFailure(null);
    const problem = await props.onLeave({ name: name().trim(), contact: c.contact }, message().trim());
    setBusy(false);
    setFailure(problem);
  }

  return (
    <form class="fw-form" onSubmit={submit} noValidate>
      <h2 class="fw-offline-title">{t().offlineTitle}</h2>
      <p class="fw-greeting">{t().offlineIntro}</p>
      <Field
        id="fw-off-name"
        label={t().fields.name}
        required
        value={name()}
        problem={problems().name ?? null}
        autocomplete="name"
        onInput={(v) => {
          setName(v);
          clear('name');
        }}
        ref={(el) => {
          nameEl = el;
          props.firstRef?.(el);
        }}
      />
      <Field
        id="fw-off-reach"
        label={t().offlineContact}
        required
        value={reach()}
        problem={problems().reach ?? null}
        autocomplete="email"
        onInput={(v) => {
          setReach(v);
          clear('reach');
        }}
        ref={(el) => {
          reachEl = el;
        }}
      />
      <Field
        id="fw-off-message"
        label={t().message}
        required
        multiline
        value={message()}
        problem={problems().message ?? null}
        onInput={(v) => {
          setMessage(v);
          clear('message');
        }}
        ref={(el) => {
          messageEl = el;
        }}
      />
      <Show when={failure()}>
        <p class="fw-form-error" role="alert">
          {failure()}
        </p>
      </Show>
      <button type="submit" class="fw-primary" disabled={busy()}>
        {t().leaveMessage}
      </button>
    </form>
  );
}
