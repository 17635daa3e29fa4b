// The admin screens with chunks of their own: the flow editor (the largest screen), reports (with their chart
// library) and the live view. Defined here, in the main bundle, so the boot can fetch the chunk of the screen in
// the URL beside the admin chunk: asked from inside the admin chunk, the fetch began only once that chunk had
// arrived and run (a cold reports screen began fetching its chunk at 708 ms, the admin chunk done at 359 ms).
import { lazy } from 'solid-js';
import type { Role } from '../../../workers/contract/ids';
import { roleCan } from '../../../workers/contract/permissions';
import type { Screen } from './admin-screens';
import { prefetchFirstView } from './reports/first-view';

export const FlowScreen = lazy(() => import('./flow/FlowScreen').then((m) => ({ default: m.FlowScreen })));
export const ReportsScreen = lazy(() =>
  import('./reports/ReportsScreen').then((m) => ({ default: m.ReportsScreen })),
);
export const LiveScreen = lazy(() =>
  import('../supervisor/LiveScreen').then((m) => ({ default: m.LiveScreen })),
);

const LAZY: Partial<Record<Screen, { preload: () => Promise<unknown> }>> = {
  'bot-flow': FlowScreen,
  reports: ReportsScreen,
  live: LiveScreen,
};

/** Who is opening it: the reports screen's first data is asked too when the tab remembers the tenant's zone. */
export interface Opener {
  token: string;
  role: Role;
  timeZone: string | null;
}

/** Opened straight at a lazy screen (a bookmark, a reload): starts fetching its chunk (and its first data) now. */
export function preloadScreenAt(pathname: string, opener: Opener): void {
  const [, area, screen] = pathname.split('/');
  if (area !== 'admin') return;
  void LAZY[screen as Screen]?.preload().catch(() => {});
  if (screen === 'reports' && opener.timeZone && roleCan(opener.role, 'reports.read')) {
    prefetchFirstView(opener.token, opener.timeZone);
  }
}
