// Keyboard shortcuts for a day at the keyboard: Alt+↓ / Alt+↑ next and previous conversation of the list on
// screen, Alt+E close the open ticket (destructive: asks first, Enter confirms, Esc cancels; another agent's
// ticket says why it cannot), Alt+R focus the reply box, Alt+T the template picker, ? the list of shortcuts.
import { onCleanup } from 'solid-js';
import type { AppContextValue } from '../context';
import { tr } from '../conversation/ticket-rules-i18n';
import { ticketAbilities } from '../conversation/ticket-view';
import { contactLabel } from '../inbox/ConversationList';
import { place } from '../state/router';
import type { ShortcutConfirmRequest } from './ShortcutConfirm';

export const COMPOSER_ID = 'composer';
/** The composer's "Enviar modelo" button (Alt+T clicks it: the picker opens where the agent is). */
export const TEMPLATE_BUTTON_ID = 'composer-templates';

function typingInField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export function installShortcuts(
  app: AppContextValue,
  ui: { toggleHelp: () => void; confirm: (request: ShortcutConfirmRequest) => void },
): void {
  const askToClose = () => {
    const id = place().conversationId;
    const s = id ? app.inbox.summary(id) : null;
    if (!id || !s || s.status === 'closed') return;
    const words = tr().confirmClose;
    if (!ticketAbilities(s, app.me().user).canWork) {
      ui.confirm({
        title: words.title,
        message: tr().othersTicket('close', s.assigneeName),
        confirmLabel: '',
      });
      return;
    }
    ui.confirm({
      title: words.title,
      message: words.message(contactLabel(s.contact), s.protocol),
      confirmLabel: words.confirm,
      onConfirm: () => app.act(id, { action: 'close' }),
    });
  };
  const step = (delta: 1 | -1) => {
    const ids = app.visibleIds();
    if (ids.length === 0) return;
    const at = ids.indexOf(place().conversationId ?? '');
    const next = at === -1 ? (delta === 1 ? 0 : ids.length - 1) : at + delta;
    const id = ids[Math.max(0, Math.min(ids.length - 1, next))];
    if (id) app.open(id);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.altKey && !e.ctrlKey && !e.metaKey) {
      const key = e.key.toLowerCase();
      // e.code too: with Alt held, some layouts turn "e" and "r" into other characters.
      if (e.key === 'ArrowDown') step(1);
      else if (e.key === 'ArrowUp') step(-1);
      else if (key === 'e' || e.code === 'KeyE') askToClose();
      else if (key === 'r' || e.code === 'KeyR') document.getElementById(COMPOSER_ID)?.focus();
      else if (key === 't' || e.code === 'KeyT') document.getElementById(TEMPLATE_BUTTON_ID)?.click();
      else return;
      e.preventDefault();
      return;
    }
    if (e.key === '?' && !e.ctrlKey && !e.metaKey && !typingInField(e.target)) {
      e.preventDefault();
      ui.toggleHelp();
    }
  };
  window.addEventListener('keydown', onKey);
  onCleanup(() => window.removeEventListener('keydown', onKey));
}
