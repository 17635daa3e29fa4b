// One ticking clock for everything that shows time moving (wait times and SLA time left in the list, the
// badge in the conversation header): a single interval while anything uses it, never one per row.
import { createSignal, onCleanup } from 'solid-js';

const TICK_MS = 15_000;
const [now, setNow] = createSignal(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | null = null;

/** The shared "now" (ms), updated every 15 s while some component uses it; call inside a component. */
export function useClock(): () => number {
  if (users++ === 0) {
    setNow(Date.now());
    timer = setInterval(() => setNow(Date.now()), TICK_MS);
  }
  onCleanup(() => {
    if (--users === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  });
  return now;
}
