// REST calls of "Relatórios" (/api/reports/*, built by the reports engine part), through the client's one fetch
// wrapper, answers checked against the contract; the CSV export is the API's own file (the screen never
// builds a CSV itself, so what is downloaded is what the server computed for the table on screen).
import {
  type ReportDimension,
  type ReportOverview,
  type ReportQuery,
  ReportTable,
} from '../../../../workers/contract/reports';
import { ApiError, authorizedFetch, requestParsed } from '../../api';
import { recentRequests } from '../../recent-requests';
import { overviewAnswer, overviewPath, reportSearch } from './first-view';

const recentTables = recentRequests<ReportTable>(10_000);
const tablePath = (q: ReportQuery, dimension: ReportDimension) =>
  `/api/reports/table?${reportSearch(q, dimension)}`;

/** A table, joining the same request made within 10 s (or the overview that brought it: getOverview). */
export const getTable = (token: string, q: ReportQuery, dimension: ReportDimension) => {
  const path = tablePath(q, dimension);
  return recentTables.join(`${token} ${path}`, () => requestParsed(ReportTable, path, { token }));
};

/**
 * The screen's first view for a query in one request: cards, the table of the tab on screen, heatmap and
 * backlog. The tables mount once the cards arrive and ask for their table: they join this one. The boot's request
 * for the default range, when there was one, is taken instead of asking again (first-view.ts).
 */
export function getOverview(
  token: string,
  q: ReportQuery,
  dimension: ReportDimension,
): Promise<ReportOverview> {
  const path = overviewPath(q, dimension);
  const overview = overviewAnswer(token, path);
  recentTables
    .join(`${token} ${tablePath(q, dimension)}`, () => overview.then((o) => o.table))
    .catch(() => {});
  return overview;
}

/** Downloads the API's CSV of a table (same range, filters and dimension) as `relatorio-<dim>-<from>-<to>.csv`. */
export async function downloadTableCsv(
  token: string,
  q: ReportQuery,
  dimension: ReportDimension,
): Promise<void> {
  const res = await authorizedFetch(
    `/api/reports/table.csv?${reportSearch(q, dimension)}`,
    { method: 'GET' },
    token,
  );
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new ApiError(res.status, body?.error?.code ?? 'internal', body?.error?.message ?? res.statusText);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `relatorio-${dimension}-${q.from}-${q.to}.csv`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
