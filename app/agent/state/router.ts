// The app's place in the URL, so a reload reopens the same conversation and view: /conversations/:id,
// ?view=…, and /admin. History navigation (back/forward) is followed.
import { createSignal } from 'solid-js';
import { type InboxView, VIEWS } from '../../lib/inbox-views';

export interface Place {
  admin: boolean;
  conversationId: string | null;
  view: InboxView;
}

const VIEW_KEY = 'fio.view';

function read(): Place {
  const path = location.pathname;
  const m = /^\/conversations\/([0-9a-f-]{36})\/?$/i.exec(path);
  const q = new URLSearchParams(location.search).get('view');
  const stored = localStorage.getItem(VIEW_KEY);
  const view = (VIEWS as readonly string[]).includes(q ?? '')
    ? (q as InboxView)
    : (VIEWS as readonly string[]).includes(stored ?? '')
      ? (stored as InboxView)
      : 'queue';
  return { admin: path === '/admin' || path.startsWith('/admin/'), conversationId: m?.[1] ?? null, view };
}

function href(p: Place): string {
  if (p.admin) return '/admin';
  const path = p.conversationId ? `/conversations/${p.conversationId}` : '/';
  return `${path}?view=${p.view}`;
}

const [place, setPlace] = createSignal<Place>(read());
if (typeof window !== 'undefined') window.addEventListener('popstate', () => setPlace(read()));

export { place };

export function navigate(change: Partial<Place>, replace = false): void {
  const next = { ...place(), ...change };
  if (change.view) localStorage.setItem(VIEW_KEY, change.view);
  const url = href(next);
  if (url !== location.pathname + location.search) {
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
  }
  setPlace(next);
}
