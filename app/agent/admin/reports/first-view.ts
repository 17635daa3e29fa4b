// The reports screen's first request, which the boot starts when the app opens straight at /admin/reports (a
// reload, a bookmark): the default range's overview is asked beside the screen's chunk, not after that chunk
// arrived and rendered (on the bench's cold load the screen's own request began ~200 ms after the chunk had
// arrived). The screen's request for the same token and query takes it (reports-api.ts getOverview). In the
// main bundle, so it holds only what the boot needs: the default query and the request (the reports contract
// is in the boot's shared chunk already).
import { type ReportDimension, ReportOverview, type ReportQuery } from '../../../../workers/contract/reports';
import { requestParsed } from '../../api';
import { presetRange, todayIn } from './report-range';

/** The tab a visit opens on. */
export const FIRST_DIMENSION: ReportDimension = 'agent';

/** The range a visit opens on: the last 7 days, on the tenant's calendar. */
export const firstQuery = (timeZone: string, nowMs: number): ReportQuery =>
  presetRange('last7', todayIn(timeZone, nowMs));

/** The query string of a report request: the range, the filters that are set, the dimension of a table. */
export function reportSearch(q: ReportQuery, dimension?: ReportDimension): string {
  const p = new URLSearchParams({ from: q.from, to: q.to });
  if (dimension) p.set('dimension', dimension);
  if (q.agentId) p.set('agentId', q.agentId);
  if (q.teamId) p.set('teamId', q.teamId);
  if (q.channelId) p.set('channelId', q.channelId);
  if (q.tag) p.set('tag', q.tag);
  return p.toString();
}

export const overviewPath = (q: ReportQuery, dimension: ReportDimension) =>
  `/api/reports/overview?${reportSearch(q, dimension)}`;

/** The boot's request for the default range, kept until the screen takes it (or for 10 s). */
const early = new Map<string, Promise<ReportOverview>>();
const EARLY_KEPT_MS = 10_000;

/**
 * An overview, checked against the contract: the boot's request for the same token and path when there is one,
 * taken once; otherwise a new request (a range clicked again asks again).
 */
export function overviewAnswer(token: string, path: string): Promise<ReportOverview> {
  const key = `${token} ${path}`;
  const started = early.get(key);
  if (started) {
    early.delete(key);
    return started;
  }
  return requestParsed(ReportOverview, path, { token });
}

/** Starts the default range's overview now; a failure is left to the screen's own request, which asks again. */
export function prefetchFirstView(token: string, timeZone: string): void {
  const path = overviewPath(firstQuery(timeZone, Date.now()), FIRST_DIMENSION);
  const key = `${token} ${path}`;
  const started = requestParsed(ReportOverview, path, { token });
  early.set(key, started);
  started.catch(() => early.delete(key));
  setTimeout(() => {
    if (early.get(key) === started) early.delete(key);
  }, EARLY_KEPT_MS);
}
