// Where the app is, read from and written to the URL: /conversations/:id, ?view=…, /admin. Pure, for tests.
// A conversation id is taken only in its one canonical spelling (the server's rule: any other names nothing,
// and opening it would ask for a second object); another spelling is the not-found state, with no request
// and no socket. Percent-encoding is the same URL (RFC 3986), so it is decoded first, as the server does.
import { isCanonicalUuid } from '../../../workers/contract';
import { type InboxView, VIEWS } from '../../lib/inbox-views';

export interface Place {
  admin: boolean;
  /** The open conversation, always in its canonical spelling. */
  conversationId: string | null;
  /** The URL named a conversation in a spelling that names none. */
  notFound: boolean;
  view: InboxView;
}

const isView = (v: string | null): v is InboxView => (VIEWS as readonly string[]).includes(v ?? '');

function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The place a URL names; `storedView` is the last view chosen, for a URL without one. */
export function parsePlace(pathname: string, search: string, storedView: string | null): Place {
  const q = new URLSearchParams(search).get('view');
  const view = isView(q) ? q : isView(storedView) ? storedView : 'queue';
  const admin = pathname === '/admin' || pathname.startsWith('/admin/');
  const m = /^\/conversations\/([^/]*)\/?$/.exec(pathname);
  if (!m) return { admin, conversationId: null, notFound: false, view };
  const id = decoded(m[1] ?? '');
  return isCanonicalUuid(id)
    ? { admin, conversationId: id, notFound: false, view }
    : { admin, conversationId: null, notFound: true, view };
}

/** The place after a navigation: any navigation leaves the not-found state; a bad id never becomes a link. */
export function placeAfter(current: Place, change: Partial<Place>): Place {
  const next: Place = { ...current, notFound: false, ...change };
  if (next.conversationId !== null && !isCanonicalUuid(next.conversationId))
    return { ...next, conversationId: null, notFound: true };
  return next;
}

/** The URL of a place (the view in the query, so a shared link opens the same list). */
export function placeHref(p: Place): string {
  if (p.admin) return '/admin';
  const path = p.conversationId ? `/conversations/${p.conversationId}` : '/';
  return `${path}?view=${p.view}`;
}
