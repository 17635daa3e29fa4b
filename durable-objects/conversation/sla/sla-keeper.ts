// SLA keeper (issue 13, being built): per-ticket first-response, next-response and resolution clocks in
// business time, alarms at the due times, breach events on the timeline, the live SLA on the inbox summary.
import type { DeskWatcher, WatcherContext } from '../desk-watcher';

export class SlaKeeper implements DeskWatcher {
  constructor(protected readonly w: WatcherContext) {}

  onAlarm(): void {}
}
