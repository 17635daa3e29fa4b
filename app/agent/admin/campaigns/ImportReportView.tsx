// What the CSV import accepted and refused: a summary line, then every refused line with its number, the
// value and the reason in the user's language, so the supervisor can fix the file.
import { For, Show } from 'solid-js';
import type { ImportReport } from '../../../../workers/contract/campaigns';
import { cw } from './campaigns-i18n';

export function ImportReportView(props: { report: ImportReport | null; error?: string | null }) {
  return (
    <Show when={props.report || props.error}>
      <section class="admin-panel cmp-report" aria-labelledby="cmp-report-title">
        <h4 id="cmp-report-title">{cw().report.title}</h4>
        <Show when={props.error}>
          <p role="alert" class="admin-error">
            {props.error}
          </p>
        </Show>
        <Show when={props.report}>
          {(r) => (
            <>
              <p>
                <strong>{cw().report.summary(r().accepted, r().rows)}</strong>
                <Show when={r().problems.length > 0}> · {cw().report.refused(r().problems.length)}</Show>
              </p>
              <Show when={r().problems.length > 0}>
                <div>
                  <table class="admin-table cmp-compact" aria-labelledby="cmp-report-title">
                    <thead>
                      <tr>
                        <th scope="col">{cw().report.line}</th>
                        <th scope="col">{cw().report.value}</th>
                        <th scope="col">{cw().report.reason}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={r().problems}>
                        {(p) => (
                          <tr>
                            <th scope="row">{p.line}</th>
                            <td data-label={cw().report.value}>
                              <code>{p.value ?? '—'}</code>
                            </td>
                            <td data-label={cw().report.reason}>{cw().report.codes[p.code] ?? p.message}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </Show>
            </>
          )}
        </Show>
      </section>
    </Show>
  );
}
