// The contact panel beside the open conversation: details the agent can correct (name, email, CPF/CNPJ;
// the phone is the channel's), the current ticket's metrics (sla/TicketMetrics), and every ticket of this
// contact with its protocol number.
import { createEffect, createResource, createSignal, For, on, Show } from 'solid-js';
import {
  digitsOnly,
  documentProblem,
  formatDocument,
  maskDocumentInput,
} from '../../../workers/contract/documents';
import { formatPhone } from '../../../workers/contract/phone-format';
import { ApiError } from '../api';
import { useApp } from '../context';
import { type ContactChanges, getContact, updateContact } from '../endpoints';
import { formatTime, t } from '../i18n';
import { BackToConversation } from '../phone/PhoneNav';
import { TicketMetrics } from '../sla/TicketMetrics';
import { ct } from './contact-i18n';

export function ContactPanel(props: { conversationId: string }) {
  const app = useApp();
  const summary = () => app.inbox.summary(props.conversationId);
  // Refetched when the ticket changes (a close or reopen adds to the list of tickets).
  const source = () => {
    const s = summary();
    return s ? `${s.contact.id}|${s.protocol ?? ''}|${s.status}` : null;
  };
  const [data, { mutate }] = createResource(source, (key) =>
    getContact(app.session().token, key.split('|')[0] as string),
  );
  const [name, setName] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [cpf, setCpf] = createSignal('');
  const [message, setMessage] = createSignal<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = createSignal(false);
  const cpfInvalid = () => cpf().trim() !== '' && documentProblem(cpf()) !== null;
  createEffect(
    on(
      () => data()?.contact,
      (c) => {
        if (!c) return;
        setName(c.name ?? '');
        setEmail(c.email ?? '');
        setCpf(c.cpfCnpj ? formatDocument(c.cpfCnpj) : '');
      },
    ),
  );

  async function save(e: SubmitEvent) {
    e.preventDefault();
    const c = data()?.contact;
    if (!c) return;
    const changes: ContactChanges = {};
    const norm = (v: string) => (v.trim() === '' ? null : v.trim());
    if (norm(name()) !== c.name) changes.name = norm(name());
    if (norm(email()) !== c.email) changes.email = norm(email());
    const cpfCnpj = norm(cpf());
    if ((cpfCnpj === null ? null : digitsOnly(cpfCnpj)) !== c.cpfCnpj) {
      // The same check the API makes (the contract's validator), said in the agent's language before sending.
      const problem = cpfCnpj === null ? null : documentProblem(cpfCnpj);
      if (problem) {
        setMessage({ ok: false, text: ct().documentProblem[problem] });
        return;
      }
      changes.cpfCnpj = cpfCnpj;
    }
    if (Object.keys(changes).length === 0) return;
    setSaving(true);
    setMessage(null);
    try {
      mutate(await updateContact(app.session().token, c.id, changes));
      setMessage({ ok: true, text: t().contact.saved });
    } catch (err) {
      setMessage({
        ok: false,
        text: err instanceof ApiError ? `${t().contact.invalid}${err.message}` : t().unavailable,
      });
    } finally {
      setSaving(false);
    }
  }

  return (
    <aside class="contact-panel" aria-labelledby="contact-title">
      <BackToConversation />
      <h2 id="contact-title">{t().contact.title}</h2>
      <TicketMetrics conversationId={props.conversationId} />
      <Show
        when={data()}
        fallback={<p class="muted">{data.error ? t().contact.unavailable : t().loading}</p>}
      >
        {(d) => (
          <>
            <form onSubmit={save} class="contact-form">
              <label>
                {t().contact.name}
                <input value={name()} maxLength={120} onInput={(e) => setName(e.currentTarget.value)} />
              </label>
              <p class="field">
                <span>{t().contact.phone}</span>{' '}
                <span class="phone">
                  {d().contact.phone ? formatPhone(d().contact.phone as string) : '—'}
                </span>
              </p>
              <label>
                {t().contact.email}
                <input
                  type="email"
                  value={email()}
                  maxLength={254}
                  onInput={(e) => setEmail(e.currentTarget.value)}
                />
              </label>
              <label>
                {t().contact.cpfCnpj}
                <input
                  value={cpf()}
                  name="cpfCnpj"
                  maxLength={18}
                  inputMode="numeric"
                  placeholder={ct().documentHint}
                  aria-invalid={message()?.ok === false && cpfInvalid() ? 'true' : undefined}
                  onInput={(e) => {
                    // Punctuation goes in while typing; the caret stays at the end, where people type.
                    const masked = maskDocumentInput(e.currentTarget.value);
                    e.currentTarget.value = masked;
                    setCpf(masked);
                  }}
                />
              </label>
              <button type="submit" disabled={saving()}>
                {saving() ? t().contact.saving : t().contact.save}
              </button>
              <Show when={message()}>
                {(m) => (
                  <p role={m().ok ? 'status' : 'alert'} class={m().ok ? 'ok-text' : 'error-text'}>
                    {m().text}
                  </p>
                )}
              </Show>
            </form>
            <h3>{t().contact.tickets}</h3>
            <Show when={d().tickets.length > 0} fallback={<p class="muted">{t().contact.noTickets}</p>}>
              <ul class="tickets">
                <For each={d().tickets}>
                  {(tk) => (
                    <li>
                      <span class="protocol">
                        {t().ticket.protocol} <strong>{tk.protocol}</strong>
                      </span>
                      <span class={`status ${tk.status}`}>{t().status[tk.status]}</span>
                      <span class="muted">
                        {t().contact.opened} {formatTime(tk.openedAt)}
                        {tk.closedAt ? ` · ${t().contact.closedAt} ${formatTime(tk.closedAt)}` : ''}
                      </span>
                      <Show when={tk.assigneeName || tk.teamName}>
                        <span class="muted">
                          {[tk.teamName, tk.assigneeName].filter(Boolean).join(' · ')}
                        </span>
                      </Show>
                      <Show when={tk.tags.length > 0}>
                        <span class="muted">{tk.tags.join(', ')}</span>
                      </Show>
                      <Show when={tk.conversationId !== props.conversationId}>
                        <button type="button" class="link" onClick={() => app.open(tk.conversationId)}>
                          {t().conversation}
                        </button>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </>
        )}
      </Show>
    </aside>
  );
}
