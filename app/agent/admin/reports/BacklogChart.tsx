// The backlog over the range: the chart (uPlot, lazy) and, for keyboards and screen readers, the same numbers
// in a table under "Dados do gráfico". The chart follows its box's width and is redrawn when the data or the
// language changes.
import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import type { BacklogSeries } from '../../../../workers/contract/reports';
import type { BacklogChart as Chart } from './backlog-chart';
import { rt } from './reports-i18n';

export function BacklogChart(props: { series: BacklogSeries }) {
  let host: HTMLDivElement | undefined;
  let chart: Chart | undefined;
  const [drawn, setDrawn] = createSignal(false);
  const [failed, setFailed] = createSignal(false);
  const observer = new ResizeObserver(() => host && chart?.resize(host.clientWidth));

  createEffect(
    on([() => props.series, () => rt().backlogSeries], ([series, words]) => {
      const box = host;
      if (!box) return;
      let cancelled = false;
      void import('./backlog-chart')
        .then((m) => m.drawBacklogChart(box, series, words, Math.max(280, box.clientWidth)))
        .then((next) => {
          if (cancelled) return next.destroy();
          chart?.destroy();
          chart = next;
          setDrawn(true);
        })
        .catch(() => setFailed(true));
      onCleanup(() => {
        cancelled = true;
      });
    }),
  );
  onCleanup(() => {
    observer.disconnect();
    chart?.destroy();
  });

  return (
    <section class="rpt-section" aria-labelledby="rpt-backlog-title">
      <h4 id="rpt-backlog-title">{rt().backlog}</h4>
      <p class="admin-hint">{rt().backlogHint}</p>
      <Show when={!drawn() && !failed()}>
        <p aria-busy="true" class="rpt-chart-loading">
          {rt().chartLoading}
        </p>
      </Show>
      <div
        class="rpt-chart"
        aria-hidden="true"
        ref={(el) => {
          host = el;
          observer.observe(el);
        }}
      />
      <details class="rpt-chart-data">
        <summary>{rt().backlogTable}</summary>
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">{rt().day}</th>
              <th scope="col">{rt().backlogSeries.opened}</th>
              <th scope="col">{rt().backlogSeries.resolved}</th>
              <th scope="col">{rt().backlogSeries.openAtEnd}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.series.days}>
              {(d) => (
                <tr>
                  <th scope="row">{d.day.split('-').reverse().join('/')}</th>
                  <td>{d.opened}</td>
                  <td>{d.resolved}</td>
                  <td>{d.openAtEnd}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </details>
    </section>
  );
}
