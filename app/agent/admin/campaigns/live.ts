// Refreshes a view every few seconds while `active()` holds and the page is visible; a hidden tab stops
// asking (and asks once when it comes back), so an open admin costs nothing overnight.
import { createEffect, onCleanup } from 'solid-js';

export const LIVE_INTERVAL_MS = 3000;

export function whileLive(active: () => boolean, refresh: () => unknown): void {
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
  };
  const start = () => {
    if (timer || document.visibilityState !== 'visible') return;
    timer = setInterval(() => void refresh(), LIVE_INTERVAL_MS);
  };
  const onVisibility = () => {
    if (document.visibilityState !== 'visible') return stop();
    if (active()) {
      void refresh();
      start();
    }
  };
  createEffect(() => (active() ? start() : stop()));
  document.addEventListener('visibilitychange', onVisibility);
  onCleanup(() => {
    stop();
    document.removeEventListener('visibilitychange', onVisibility);
  });
}
