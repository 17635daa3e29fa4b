// The phone's way between its single columns: back to the list and the contact's details (in the
// conversation's header), back to the conversation (in the contact panel). Hidden on wider screens (CSS),
// where every column is on screen at once.
import { pt6 } from './phone-i18n';
import { backToConversation, backToList, openContact } from './phone-view';

/** Keyboard users keep their place: the focus moves to the button that leads back, once it is on screen. */
function focusSoon(selector: string): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(selector)?.focus());
}

const Chevron = () => (
  <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
    <path d="M15 5l-7 7 7 7" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" />
  </svg>
);

export function BackToList() {
  return (
    <button type="button" class="phone-only phone-icon" aria-label={pt6().backToList} onClick={backToList}>
      <Chevron />
    </button>
  );
}

export function BackToConversation() {
  return (
    <button
      type="button"
      class="phone-only phone-icon"
      aria-label={pt6().backToConversation}
      onClick={() => {
        // history.back() answers with a popstate later; the conversation is on screen after it.
        if (backToConversation())
          window.addEventListener('popstate', () => focusSoon('.conversation-head .contact-toggle'), {
            once: true,
          });
      }}
    >
      <Chevron />
    </button>
  );
}

export function ContactToggle() {
  return (
    <button
      type="button"
      class="phone-only phone-icon contact-toggle"
      aria-label={pt6().openContact}
      title={pt6().openContact}
      onClick={() => {
        openContact();
        focusSoon('.contact-panel > .phone-icon');
      }}
    >
      <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
        <circle cx="12" cy="8" r="4" fill="none" stroke="currentColor" stroke-width="2" />
        <path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7" fill="none" stroke="currentColor" stroke-width="2" />
      </svg>
    </button>
  );
}
