// The top bar's alert badge for those who may read alerts (admins and owners): how many open alerts nobody has
// marked seen, polled every 30 s (and at once after an acknowledgement), linking to "Alertas". Hidden at zero
// and when the count cannot be read (the screen itself says why).
import { createResource, createSignal, onCleanup, Show } from 'solid-js';
import { useApp } from '../../context';
import { followLink } from '../../state/router';
import { listAlerts } from './alerts-api';
import { alt } from './alerts-i18n';
import './alerts-badge.css';

const REFRESH_MS = 30_000;
/**
 * The first count waits this long: the badge mounts with the app's boot, and on an admin screen opened from its
 * URL its request competed with the screen's own data and chunks (six connections per host over HTTP/1.1).
 */
const FIRST_COUNT_AFTER_MS = 1_000;

export function AlertsBadge() {
  const app = useApp();
  const [due, setDue] = createSignal(false);
  const first = setTimeout(() => setDue(true), FIRST_COUNT_AFTER_MS);
  const [count, { refetch }] = createResource(
    () => due() && app.session().token,
    async (token) => {
      try {
        return (await listAlerts(token, 'open', 1)).unacknowledged;
      } catch {
        return 0;
      }
    },
  );
  const timer = setInterval(() => void refetch(), REFRESH_MS);
  const changed = () => void refetch();
  window.addEventListener('fio:alerts-changed', changed);
  onCleanup(() => {
    clearTimeout(first);
    clearInterval(timer);
    window.removeEventListener('fio:alerts-changed', changed);
  });
  return (
    <Show when={(count.latest ?? 0) > 0}>
      <a
        class="alerts-badge"
        href="/admin/alerts"
        aria-label={alt().badgeLabel(count.latest ?? 0)}
        onClick={(e) => {
          e.preventDefault();
          followLink('/admin/alerts');
        }}
      >
        <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
          <path
            d="M12 3 2 20h20L12 3Zm0 6v5m0 3v.5"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
            stroke-linejoin="round"
          />
        </svg>
        {alt().badge(count.latest ?? 0)}
      </a>
    </Show>
  );
}
