// The inbox's active outages: read from GET /api/outages?state=active when the inbox opens, every minute, and
// at once when a conversation arrives carrying an outage the inbox does not know yet (the bot just told a
// customer about it). One request for the whole list, never one per row. Also which outage filters the list.
import { createEffect, createSignal, onCleanup } from 'solid-js';
import type { InboxSummary } from '../../../../workers/contract';
import { OutageListResponse, type OutageView } from '../../../../workers/contract/outages';
import { requestParsed } from '../../api';

const REFRESH_MS = 60_000;

export interface OutageState {
  active: () => readonly OutageView[];
  byId: (id: string) => OutageView | undefined;
  /** The outage whose conversations the list shows, or null. */
  selected: () => string | null;
  select: (id: string | null) => void;
}

/**
 * Call inside a component; `summaries` is the whole inbox (the banner counts across views). Nothing is asked
 * until `wanted` holds (the signed-in app: the first time the inbox shows, so an admin screen's boot skips it).
 */
export function createOutageState(
  token: () => string,
  summaries: () => readonly InboxSummary[],
  wanted: () => boolean = () => true,
): OutageState {
  const [active, setActive] = createSignal<readonly OutageView[]>([]);
  const [selected, setSelected] = createSignal<string | null>(null);
  let inFlight = false;

  async function load() {
    if (inFlight) return;
    inFlight = true;
    try {
      const res = await requestParsed(OutageListResponse, '/api/outages?state=active', { token: token() });
      setActive(res.outages);
      // A resolved outage leaves the list; its filter goes with it.
      if (selected() && !res.outages.some((o) => o.id === selected())) setSelected(null);
    } catch {
      // Keep what was shown: the banner is a help, the inbox works without it.
    } finally {
      inFlight = false;
    }
  }

  createEffect(() => {
    if (wanted()) void load();
  });
  const timer = setInterval(() => {
    if (wanted()) void load();
  }, REFRESH_MS);
  onCleanup(() => clearInterval(timer));
  const asked = new Set<string>();
  createEffect(() => {
    if (!wanted()) return;
    const known = new Set(active().map((o) => o.id));
    for (const s of summaries()) {
      const id = s.outageId;
      if (id && !known.has(id) && !asked.has(id)) {
        asked.add(id);
        void load();
        return;
      }
    }
  });

  return {
    active,
    byId: (id) => active().find((o) => o.id === id),
    selected,
    select: setSelected,
  };
}
