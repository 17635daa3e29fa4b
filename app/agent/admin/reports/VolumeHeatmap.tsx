// Customer messages by weekday × hour of day in the tenant's zone: a 7 × 24 table whose cells darken with the
// volume (five steps, so the darkest still reads against its number), each cell labelled for screen readers.
// Plain HTML and CSS: no chart library needed for a grid.
import { For, Show } from 'solid-js';
import type { VolumeHeatmap as Heatmap } from '../../../../workers/contract/reports';
import { rt } from './reports-i18n';
import { level, volumeGrid } from './volume-grid';

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const DAYS = [1, 2, 3, 4, 5, 6, 0]; // Monday first, as a support week reads

export function VolumeHeatmap(props: { map: Heatmap }) {
  const grid = () => volumeGrid(props.map);
  const max = () => Math.max(0, ...grid().flat());
  return (
    <section class="rpt-section" aria-labelledby="rpt-volume-title">
      <h4 id="rpt-volume-title">{rt().volume}</h4>
      <p class="admin-hint">{rt().volumeHint}</p>
      <Show when={max() > 0} fallback={<p class="rpt-empty">{rt().empty}</p>}>
        <div class="rpt-heat-wrap">
          <table class="rpt-heat" aria-labelledby="rpt-volume-title">
            <thead>
              <tr>
                <td />
                <For each={HOURS}>
                  {(h) => (
                    <th scope="col" class="rpt-heat-hour">
                      {h % 3 === 0 ? h : <span class="visually-hidden">{h}</span>}
                    </th>
                  )}
                </For>
              </tr>
            </thead>
            <tbody>
              <For each={DAYS}>
                {(d) => (
                  <tr>
                    <th scope="row">{rt().weekdays[d]}</th>
                    <For each={HOURS}>
                      {(h) => {
                        const n = () => grid()[d]?.[h] ?? 0;
                        return (
                          <td
                            class={`rpt-heat-cell l${level(n(), max())}`}
                            title={rt().volumeCell(rt().weekdaysLong[d] ?? '', h, n())}
                          >
                            <span class="visually-hidden">{n()}</span>
                          </td>
                        );
                      }}
                    </For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
          <p class="rpt-heat-legend" aria-hidden="true">
            {rt().less}
            <For each={[0, 1, 2, 3, 4]}>{(l) => <span class={`rpt-heat-cell l${l}`} />}</For>
            {rt().more}
          </p>
        </div>
      </Show>
    </section>
  );
}
