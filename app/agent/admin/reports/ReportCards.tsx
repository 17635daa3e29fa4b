// The cards: each metric of the period beside the previous period's, with the change as an arrow, a signed
// number and a colour that says whether it got better (first response down is good, CSAT down is bad). The
// arrow and the words carry it too, never the colour alone.
import { For, Show } from 'solid-js';
import type { ReportSummary } from '../../../../workers/contract/reports';
import { locale } from '../../i18n';
import { change, formatChange, formatDuration, formatRate } from './report-format';
import { CARD_KEYS, METRICS, type MetricKey } from './report-metrics';
import { rt } from './reports-i18n';

function detail(key: MetricKey, s: ReportSummary): string | null {
  const m = s.current;
  switch (key) {
    case 'firstResponse':
      return rt().details.firstResponse(m.firstResponse.count, formatDuration(m.firstResponse.medianSeconds));
    case 'resolution':
      return rt().details.resolution(m.resolution.count, formatDuration(m.resolution.medianSeconds));
    case 'csat':
      return rt().details.csat(formatRate(m.csat.responseRate, locale()), m.csat.responses);
    case 'botContainment':
      return rt().details.rate(m.botContainment.part, m.botContainment.whole);
    case 'slaMet':
      return rt().details.rate(m.slaMet.part, m.slaMet.whole);
    case 'reopened':
      return rt().details.rate(m.reopened.part, m.reopened.whole);
    case 'handoffs':
      return rt().details.handoffs;
    case 'ticketsOpened':
      return rt().details.tickets(m.ticketsResolved);
    default:
      return null;
  }
}

export function ReportCards(props: { summary: ReportSummary }) {
  return (
    <ul class="rpt-cards" aria-label={rt().cards}>
      <For each={CARD_KEYS}>
        {(key) => {
          const def = METRICS[key];
          const c = () =>
            change(def.value(props.summary.current), def.value(props.summary.previous), def.better, def.kind);
          const toneWord = () =>
            c().arrow === null
              ? ''
              : c().tone === 'good'
                ? rt().better
                : c().tone === 'bad'
                  ? rt().worse
                  : '';
          return (
            <li class="rpt-card" data-metric={key}>
              <span class="rpt-card-label">{rt().metrics[key]}</span>
              <strong class="rpt-card-value">{def.format(props.summary.current, locale())}</strong>
              <span class="rpt-card-detail">{detail(key, props.summary)}</span>
              <span class="rpt-card-prev">
                {rt().previous}: {def.format(props.summary.previous, locale())}
                <Show when={c().arrow}>
                  {(arrow) => (
                    <span class={`rpt-change ${c().tone}`}>
                      {' '}
                      <span aria-hidden="true">{arrow()}</span>{' '}
                      {formatChange(c(), def.kind, locale(), { new: rt().newValue, pp: rt().pp })}
                      <Show when={toneWord()}>
                        <span class="visually-hidden"> ({toneWord()})</span>
                      </Show>
                    </span>
                  )}
                </Show>
              </span>
            </li>
          );
        }}
      </For>
    </ul>
  );
}
