// The inbox's views (bot, queue, mine, my teams, all open, closed), which conversations each holds, and the
// one order every list uses: priority first (5 before 1), then who has waited longest. Pure, for tests.
import { INBOX_CLOSED_KEEP_MS, type InboxSummary } from '../../workers/contract';

export const VIEWS = ['bot', 'queue', 'mine', 'teams', 'all', 'closed'] as const;
export type InboxView = (typeof VIEWS)[number];

export interface Viewer {
  userId: string;
  teamIds: readonly string[];
}

export function inView(view: InboxView, s: InboxSummary, me: Viewer, now = Date.now()): boolean {
  switch (view) {
    case 'bot':
      return s.status === 'bot';
    case 'queue':
      return s.status === 'queued';
    case 'mine':
      return s.status === 'assigned' && s.assigneeId === me.userId;
    case 'teams':
      return s.status !== 'closed' && s.teamId !== null && me.teamIds.includes(s.teamId);
    case 'all':
      return s.status !== 'closed';
    case 'closed':
      // The inbox keeps closed conversations a few days; a long-running session drops them the same way.
      return s.status === 'closed' && now - Date.parse(s.updatedAt) < INBOX_CLOSED_KEEP_MS;
  }
}

/** Priority 5 first; then the longest wait (waitingSince oldest first, answered last); then newest activity. */
export function compareSummaries(a: InboxSummary, b: InboxSummary): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.waitingSince !== b.waitingSince) {
    if (a.waitingSince === null) return 1;
    if (b.waitingSince === null) return -1;
    return a.waitingSince < b.waitingSince ? -1 : 1;
  }
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? -1 : 1;
  return a.conversationId < b.conversationId ? -1 : a.conversationId > b.conversationId ? 1 : 0;
}

/** Closed conversations: most recently closed first (nobody waits on them). */
function compareClosed(a: InboxSummary, b: InboxSummary): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt > b.updatedAt ? -1 : 1;
  return a.conversationId < b.conversationId ? -1 : 1;
}

export function viewList(
  view: InboxView,
  all: readonly InboxSummary[],
  me: Viewer,
  now = Date.now(),
): InboxSummary[] {
  return all
    .filter((s) => inView(view, s, me, now))
    .sort(view === 'closed' ? compareClosed : compareSummaries);
}

export function viewCounts(
  all: readonly InboxSummary[],
  me: Viewer,
  now = Date.now(),
): Record<InboxView, number> {
  const counts: Record<InboxView, number> = { bot: 0, queue: 0, mine: 0, teams: 0, all: 0, closed: 0 };
  for (const s of all) for (const v of VIEWS) if (inView(v, s, me, now)) counts[v]++;
  return counts;
}
