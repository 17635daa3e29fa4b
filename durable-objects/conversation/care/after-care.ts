// After-care (issue 13, being built): the CSAT survey after a close, auto-close of tickets waiting on the
// customer, the once-per-closed-period "we're back at…" notice, and a thanks after a close kept on the ticket.
import type { DeskWatcher, WatcherContext } from '../desk-watcher';

export class AfterCare implements DeskWatcher {
  constructor(protected readonly w: WatcherContext) {}

  onAlarm(): void {}
}
