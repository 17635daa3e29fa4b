// Contact cards a customer shared: the name (and company), each phone with its type and a "Ligar" (tel:) link,
// e-mails, "Salvar contato" (a .vcf written here) and, for a WhatsApp number, "Conversar": the open
// conversation with that number in this inbox, when there is one.
import { createSignal, For, Show } from 'solid-js';
import type { SharedContact } from '../../../workers/contract';
import { formatPhone } from '../../../workers/contract/phone-format';
import { useApp } from '../context';
import { search } from '../endpoints';
import { navigate } from '../state/router';
import { mt } from './media-i18n';
import { saveVCard, telHref } from './vcard-file';

export function ContactCards(props: { contacts: SharedContact[] }) {
  return (
    <ul class="contact-cards" aria-label={mt().contacts.heading}>
      <For each={props.contacts}>{(c) => <ContactCard contact={c} />}</For>
    </ul>
  );
}

function ContactCard(props: { contact: SharedContact }) {
  const app = useApp();
  const c = () => props.contact;
  const [note, setNote] = createSignal<string | null>(null);
  const waId = () => c().phones.find((p) => p.waId)?.waId ?? null;
  const typeLabel = (type: string | null) =>
    type ? (mt().contacts.phoneTypes[type] ?? type.toLowerCase()) : null;

  const chat = async (digits: string) => {
    setNote(null);
    try {
      const { results } = await search(app.session().token, digits);
      const hit = results.find(
        (r) => r.matchedIn === 'contact' && r.contact.phone?.replace(/\D/g, '') === digits,
      );
      if (hit) navigate({ conversationId: hit.conversationId, admin: false });
      else setNote(mt().contacts.noConversation);
    } catch {
      setNote(mt().contacts.searchFailed);
    }
  };

  return (
    <li class="contact-card">
      <span class="contact-avatar" aria-hidden="true">
        {c().name.trim().charAt(0).toUpperCase() || '?'}
      </span>
      <div class="contact-body">
        <strong class="contact-name">{c().name}</strong>
        <Show when={c().organization}>
          <span class="muted">{c().organization}</span>
        </Show>
        <ul class="contact-phones">
          <For each={c().phones}>
            {(p) => (
              <li>
                <span>{formatPhone(p.phone)}</span>
                <Show when={typeLabel(p.type)}>{(label) => <span class="muted"> · {label()}</span>}</Show>{' '}
                <a
                  class="contact-call"
                  href={telHref(p.phone)}
                  aria-label={mt().contacts.callNamed(c().name, formatPhone(p.phone))}
                >
                  {mt().contacts.call}
                </a>
              </li>
            )}
          </For>
          <For each={c().emails}>
            {(e) => (
              <li>
                <a href={`mailto:${e}`}>{e}</a>
              </li>
            )}
          </For>
        </ul>
        <span class="contact-actions">
          <button
            type="button"
            class="link"
            onClick={() => saveVCard(c())}
            aria-label={mt().contacts.saveNamed(c().name)}
          >
            {mt().contacts.save}
          </button>
          <Show when={waId()}>
            {(digits) => (
              <button
                type="button"
                class="link"
                onClick={() => void chat(digits())}
                aria-label={mt().contacts.chatNamed(c().name)}
              >
                {mt().contacts.chat}
              </button>
            )}
          </Show>
        </span>
        <Show when={note()}>
          <p class="muted" role="status">
            {note()}
          </p>
        </Show>
      </div>
    </li>
  );
}
