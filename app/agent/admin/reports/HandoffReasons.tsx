// Why the bot handed conversations to people in the period, most frequent first, each with a bar beside its
// count (the bar repeats the number for the eye only).
import { For, Show } from 'solid-js';
import type { ReportMetrics } from '../../../../workers/contract/reports';
import { locale } from '../../i18n';
import { formatCount } from './report-format';
import { rt } from './reports-i18n';

export function HandoffReasons(props: { metrics: ReportMetrics }) {
  const reasons = () =>
    Object.entries(props.metrics.handoffs.byReason)
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const max = () => Math.max(1, ...reasons().map(([, n]) => n));
  return (
    <section class="rpt-section" aria-labelledby="rpt-handoffs-title">
      <h4 id="rpt-handoffs-title">{rt().handoffReasons}</h4>
      <Show when={reasons().length > 0} fallback={<p class="rpt-empty">{rt().noHandoffs}</p>}>
        <table class="admin-table rpt-reasons" aria-labelledby="rpt-handoffs-title">
          <thead>
            <tr>
              <th scope="col">{rt().reason}</th>
              <th scope="col">{rt().count}</th>
            </tr>
          </thead>
          <tbody>
            <For each={reasons()}>
              {([reason, n]) => (
                <tr>
                  <th scope="row">{rt().reasons[reason] ?? reason}</th>
                  <td>
                    <span class="meter-bar" aria-hidden="true">
                      <span style={{ width: `${Math.round((n / max()) * 100)}%` }} />
                    </span>
                    {formatCount(n, locale())}
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
