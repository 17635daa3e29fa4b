// The template picker: a modal dialog listing the number's WhatsApp templates (search by name or
// language; only approved ones can be chosen, the others show their status), then a form with one field
// per {{n}}, checked by the server's own rule, a live preview bubble of what the customer will read, and
// Send (POST …/messages with the template). Esc closes; focus starts in the search and goes back to the
// button that opened it (the caller's job).
import { createMemo, createResource, createSignal, For, Index, Show } from 'solid-js';
import { ApiError } from '../../api';
import { listTemplates, postMessage, type Template } from './composer-api';
import { ct } from './composer-i18n';
import { filterTemplates, isSendable, parameterCount, parameterErrors, previewBody } from './template-form';

export interface TemplatePickerProps {
  token: string;
  channelId: string;
  conversationId: string;
  onClose: () => void;
  onSent: (name: string) => void;
}

const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function TemplatePicker(props: TemplatePickerProps) {
  const [templates] = createResource(
    () => props.channelId,
    (id) => listTemplates(props.token, id),
  );
  const [query, setQuery] = createSignal('');
  const [chosen, setChosen] = createSignal<Template | null>(null);
  const [values, setValues] = createSignal<string[]>([]);
  const [tried, setTried] = createSignal(false);
  const [sending, setSending] = createSignal(false);
  const [failure, setFailure] = createSignal<string | null>(null);
  let dialog!: HTMLDialogElement;
  let search!: HTMLInputElement;

  const shown = createMemo(() => filterTemplates(templates() ?? [], query()));
  const errors = createMemo(() => (tried() ? parameterErrors(values()) : values().map(() => null)));

  function choose(t: Template) {
    if (!isSendable(t)) return;
    setChosen(t);
    setValues(Array.from({ length: parameterCount(t) }, () => ''));
    setTried(false);
    setFailure(null);
    queueMicrotask(() =>
      (dialog.querySelector('form input, form button[type=submit]') as HTMLElement)?.focus(),
    );
  }

  function back() {
    setChosen(null);
    setFailure(null);
    queueMicrotask(() => search?.focus());
  }

  async function send(e: Event) {
    e.preventDefault();
    const t = chosen();
    if (!t || sending()) return;
    setTried(true);
    setFailure(null);
    const problems = parameterErrors(values());
    const first = problems.findIndex((p) => p !== null);
    if (first !== -1) {
      setFailure(ct().picker.fixErrors);
      (dialog.querySelector(`#template-param-${first + 1}`) as HTMLInputElement | null)?.focus();
      return;
    }
    setSending(true);
    try {
      await postMessage(props.token, props.conversationId, {
        clientId: crypto.randomUUID(),
        template: { name: t.name, language: t.language, parameters: values() },
      });
      props.onSent(t.name);
    } catch (err) {
      setFailure(ct().picker.sendFailed(err instanceof ApiError ? err.message : reason(err)));
    } finally {
      setSending(false);
    }
  }

  return (
    <dialog
      ref={(d) => {
        dialog = d;
        queueMicrotask(() => {
          if (d.isConnected && !d.open) d.showModal();
          search?.focus();
        });
      }}
      class="template-picker"
      aria-labelledby="template-picker-title"
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
      onKeyDown={(e) => {
        // A search field with text would take the first Esc to clear itself: Esc always closes the picker.
        if (e.key !== 'Escape' || e.isComposing) return;
        e.preventDefault();
        props.onClose();
      }}
    >
      <header>
        <h2 id="template-picker-title">{ct().picker.title}</h2>
        <button type="button" class="link" onClick={() => props.onClose()}>
          {ct().picker.close}
        </button>
      </header>
      <Show
        when={chosen()}
        fallback={
          <>
            <input
              ref={search}
              type="search"
              class="template-search"
              aria-label={ct().picker.search}
              placeholder={ct().picker.search}
              value={query()}
              onInput={(e) => setQuery(e.currentTarget.value)}
            />
            <Show when={!templates.loading} fallback={<p class="muted">{ct().picker.loading}</p>}>
              <Show when={!templates.error} fallback={<p role="alert">{ct().picker.loadFailed}</p>}>
                <Show
                  when={shown().length > 0}
                  fallback={
                    <p class="muted">
                      {(templates() ?? []).length === 0 ? ct().picker.empty : ct().picker.noMatch}
                    </p>
                  }
                >
                  <ul class="template-list">
                    <For each={shown()}>
                      {(t) => (
                        <li>
                          <button
                            type="button"
                            class="template-option"
                            aria-disabled={!isSendable(t)}
                            data-template={t.name}
                            onClick={() => choose(t)}
                          >
                            <span class="template-name">{t.name}</span>
                            <span class="muted">
                              {t.language}
                              {t.category ? ` · ${t.category}` : ''}
                            </span>
                            <span class={`template-status ${isSendable(t) ? 'approved' : 'blocked'}`}>
                              {isSendable(t) ? ct().picker.approved : ct().picker.notApproved(t.status)}
                            </span>
                            <span class="template-body">{t.body}</span>
                          </button>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </Show>
            </Show>
          </>
        }
      >
        {(t) => (
          <form class="template-form" onSubmit={send} noValidate>
            <button type="button" class="link" onClick={back}>
              ← {ct().picker.back}
            </button>
            <h3>
              {t().name} <span class="muted">({t().language})</span>
            </h3>
            <Show when={values().length > 0} fallback={<p class="muted">{ct().picker.noParameters}</p>}>
              <Index each={values()}>
                {(value, i) => (
                  <div class="template-field">
                    <label for={`template-param-${i + 1}`}>{ct().picker.parameter(i + 1)}</label>
                    <input
                      id={`template-param-${i + 1}`}
                      type="text"
                      maxLength={1024}
                      value={value()}
                      aria-invalid={errors()[i] ? 'true' : undefined}
                      aria-describedby={errors()[i] ? `template-param-${i + 1}-error` : undefined}
                      onInput={(e) => {
                        const next = [...values()];
                        next[i] = e.currentTarget.value;
                        setValues(next);
                      }}
                    />
                    <Show when={errors()[i]}>
                      <p id={`template-param-${i + 1}-error`} class="field-error">
                        {errors()[i]}
                      </p>
                    </Show>
                  </div>
                )}
              </Index>
            </Show>
            <p class="template-preview-label">{ct().picker.preview}</p>
            <div class="template-preview" aria-live="polite">
              {previewBody(t(), values())}
            </div>
            <Show when={failure()}>
              <p role="alert">{failure()}</p>
            </Show>
            <button type="submit" class="primary" disabled={sending()}>
              {sending() ? ct().picker.sending : ct().picker.send}
            </button>
          </form>
        )}
      </Show>
    </dialog>
  );
}
