// The app's place in the URL, so a reload reopens the same conversation and view: /conversations/:id,
// ?view=…, and /admin (parsed and written by ./place). History navigation (back/forward) is followed.
import { createSignal } from 'solid-js';
import { type Place, parsePlace, placeAfter, placeHref } from './place';

const VIEW_KEY = 'fio.view';

function read(): Place {
  return parsePlace(location.pathname, location.search, localStorage.getItem(VIEW_KEY));
}

const [place, setPlace] = createSignal<Place>(read());
if (typeof window !== 'undefined') window.addEventListener('popstate', () => setPlace(read()));

export { place };

export function navigate(change: Partial<Place>, replace = false): void {
  const from = placeHref(place());
  const next = placeAfter(place(), change);
  if (change.view) localStorage.setItem(VIEW_KEY, change.view);
  const url = placeHref(next);
  if (url !== location.pathname + location.search) {
    if (replace) history.replaceState(null, '', url);
    // Where this entry came from: a phone's "back to the list" goes back in history when it was the list.
    else history.pushState({ from }, '', url);
  }
  setPlace(next);
}

/** Follows an in-app link to a path this module does not model (an admin screen): as if it were history. */
export function followLink(href: string): void {
  history.pushState(null, '', href);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
