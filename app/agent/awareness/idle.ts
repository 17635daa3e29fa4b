// Away after a while without keyboard or mouse, and back online on the next activity, unless the agent chose
// "away" themselves (then only they can change it back).
import { createSignal, onCleanup } from 'solid-js';

export const IDLE_AWAY_MS = 5 * 60_000;

export function createPresenceControl(send: (status: 'online' | 'away') => void, idleMs = IDLE_AWAY_MS) {
  const [chosen, setChosen] = createSignal<'online' | 'away'>('online');
  const [idle, setIdle] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | null = null;
  const effective = () => (chosen() === 'away' || idle() ? 'away' : 'online');
  let sent: 'online' | 'away' | null = null;
  const sync = () => {
    const now = effective();
    if (now !== sent) {
      sent = now;
      send(now);
    }
  };
  let last = 0;
  const activity = () => {
    // pointermove fires constantly: re-arm the timer at most once a second.
    if (!idle() && Date.now() - last < 1_000) return;
    last = Date.now();
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      setIdle(true);
      sync();
    }, idleMs);
    if (idle()) {
      setIdle(false);
      sync();
    }
  };
  const events = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'focus'] as const;
  for (const e of events) window.addEventListener(e, activity, { passive: true });
  activity();
  sync();
  onCleanup(() => {
    if (timer) clearTimeout(timer);
    for (const e of events) window.removeEventListener(e, activity);
  });
  return {
    status: effective,
    choose(status: 'online' | 'away') {
      setChosen(status);
      sync();
    },
  };
}
