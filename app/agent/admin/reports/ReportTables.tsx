// The breakdown: tabs per agent / team / channel / tag, each a sortable table (a button in every header,
// aria-sort on the sorted one) with the period's total row (the API's totals: every ticket once, the cards' numbers) and
// "Exportar CSV" downloading the API's file for the same table.
import { createResource, createSignal, For, Show } from 'solid-js';
import {
  REPORT_DIMENSIONS,
  type ReportDimension,
  type ReportMetrics,
  type ReportQuery,
} from '../../../../workers/contract/reports';
import { locale } from '../../i18n';
import { useAdmin } from '../admin-context';
import { METRIC_KEYS, METRICS } from './report-metrics';
import { type Sort, type SortKey, sortRows } from './report-sort';
import { downloadTableCsv, getTable } from './reports-api';
import { rt } from './reports-i18n';

/** The tab is the screen's (its first view's request brings that tab's table, which this joins). */
export function ReportTables(props: {
  query: ReportQuery;
  dimension: ReportDimension;
  onDimension: (d: ReportDimension) => void;
}) {
  const admin = useAdmin();
  const dimension = () => props.dimension;
  const [sort, setSort] = createSignal<Sort>({ key: 'ticketsOpened', dir: 'desc' });
  const [table, { refetch }] = createResource(
    () => ({ q: props.query, d: dimension() }),
    ({ q, d }) => getTable(admin.token, q, d),
  );
  const [exporting, setExporting] = createSignal(false);
  const [exportError, setExportError] = createSignal(false);

  async function exportCsv() {
    setExporting(true);
    setExportError(false);
    try {
      await downloadTableCsv(admin.token, props.query, dimension());
    } catch {
      setExportError(true);
    } finally {
      setExporting(false);
    }
  }

  function toggle(key: SortKey) {
    const s = sort();
    setSort(
      s.key === key
        ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' }
        : { key, dir: key === 'label' ? 'asc' : 'desc' },
    );
  }

  const header = (key: SortKey) => (key === 'label' ? rt().dimensionHeader[dimension()] : rt().short[key]);
  const ariaSort = (key: SortKey) =>
    sort().key === key ? (sort().dir === 'asc' ? 'ascending' : 'descending') : undefined;
  const cells = (m: ReportMetrics) => METRIC_KEYS.map((k) => METRICS[k].format(m, locale()));

  return (
    <section class="rpt-section rpt-tables" aria-labelledby="rpt-tables-title">
      <div class="rpt-section-head">
        <h4 id="rpt-tables-title">{rt().tables}</h4>
        <button type="button" class="rpt-export" disabled={exporting()} onClick={() => void exportCsv()}>
          {exporting() ? rt().exporting : rt().exportCsv}
        </button>
      </div>
      <fieldset class="rpt-tabs">
        <legend class="visually-hidden">{rt().tables}</legend>
        <For each={REPORT_DIMENSIONS}>
          {(d) => (
            <button type="button" aria-pressed={dimension() === d} onClick={() => props.onDimension(d)}>
              {rt().dimensions[d]}
            </button>
          )}
        </For>
      </fieldset>
      <Show when={exportError()}>
        <p class="admin-error" role="alert">
          {rt().exportFailed}
        </p>
      </Show>
      <Show when={dimension() === 'tag'}>
        <p class="admin-hint">{rt().tagNote}</p>
      </Show>
      <Show when={!table.error} fallback={<Failed retry={refetch} />}>
        <div class="rpt-table-wrap" aria-busy={table.loading ? 'true' : undefined}>
          <table class="admin-table rpt-table" aria-labelledby="rpt-tables-title">
            <thead>
              <tr>
                <For each={['label', ...METRIC_KEYS] as SortKey[]}>
                  {(key) => (
                    <th scope="col" aria-sort={ariaSort(key)} data-col={key}>
                      <button type="button" title={rt().sortBy(header(key))} onClick={() => toggle(key)}>
                        {header(key)}
                        <span aria-hidden="true" class="rpt-sort-mark">
                          {sort().key === key ? (sort().dir === 'asc' ? ' ▲' : ' ▼') : ''}
                        </span>
                      </button>
                    </th>
                  )}
                </For>
              </tr>
            </thead>
            <tbody>
              <Show
                when={(table.latest?.rows.length ?? 0) > 0}
                fallback={
                  <tr>
                    <td colSpan={METRIC_KEYS.length + 1} class="rpt-empty">
                      {table.latest ? rt().empty : rt().loading}
                    </td>
                  </tr>
                }
              >
                <For each={sortRows(table.latest?.rows ?? [], sort(), locale())}>
                  {(row) => (
                    <tr data-key={row.key ?? ''}>
                      <th scope="row">{row.key === null ? rt().none[dimension()] : row.label}</th>
                      <For each={cells(row.current)}>{(v) => <td>{v}</td>}</For>
                    </tr>
                  )}
                </For>
              </Show>
            </tbody>
            <Show when={table.latest?.totals}>
              {(totals) => (
                <tfoot>
                  <tr class="rpt-total">
                    <th scope="row">{rt().total}</th>
                    <For each={cells(totals().current)}>{(v) => <td>{v}</td>}</For>
                  </tr>
                </tfoot>
              )}
            </Show>
          </table>
        </div>
      </Show>
    </section>
  );
}

function Failed(props: { retry: () => void }) {
  return (
    <div>
      <p role="alert" class="admin-error">
        {rt().failed}
      </p>
      <button type="button" onClick={() => props.retry()}>
        {rt().retry}
      </button>
    </div>
  );
}
