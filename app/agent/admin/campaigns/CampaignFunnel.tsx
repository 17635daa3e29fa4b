// A campaign's results: the whole funnel (sent → delivered → read → replied, with failed and skipped), and
// with an A/B split one column per arm with its rates, the arm with the better reply rate (then read rate)
// marked as the best result once both have sends.
import { For, Show } from 'solid-js';
import type { CampaignView, RecipientCounts } from '../../../../workers/contract/campaigns';
import { locale } from '../../i18n';
import { CountsLegend, ProgressBar } from './CampaignProgress';
import { cw } from './campaigns-i18n';

/** Recipients the template reached Meta for: everyone sent and beyond. */
const sentTotal = (c: RecipientCounts) => c.sent + c.delivered + c.read + c.replied;
const readTotal = (c: RecipientCounts) => c.read + c.replied;
const rate = (part: number, whole: number) => (whole ? part / whole : 0);
const pct = (v: number) =>
  new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(v);

/** 'a' or 'b' when one arm leads on replies (then reads), null while either has nothing sent or they tie. */
export function winnerOf(arms: Partial<Record<'a' | 'b', RecipientCounts>>): 'a' | 'b' | null {
  const { a, b } = arms;
  if (!a || !b || sentTotal(a) === 0 || sentTotal(b) === 0) return null;
  const score = (c: RecipientCounts) =>
    [rate(c.replied, sentTotal(c)), rate(readTotal(c), sentTotal(c))] as const;
  const [ra, rb] = [score(a), score(b)];
  if (ra[0] !== rb[0]) return ra[0] > rb[0] ? 'a' : 'b';
  if (ra[1] !== rb[1]) return ra[1] > rb[1] ? 'a' : 'b';
  return null;
}

export function CampaignFunnel(props: { campaign: CampaignView }) {
  const arms = () => props.campaign.arms;
  const winner = () => (arms() ? winnerOf(arms() ?? {}) : null);
  return (
    <section class="admin-panel" aria-labelledby="cmp-counts-title">
      <h4 id="cmp-counts-title">{cw().detail.counts}</h4>
      <ProgressBar counts={props.campaign.counts} label={cw().columns.progress} />
      <CountsLegend counts={props.campaign.counts} />
      <Show when={arms()}>
        {(split) => (
          <div class="cmp-arms">
            <For each={(['a', 'b'] as const).filter((k) => split()[k])}>
              {(arm) => {
                const c = () => split()[arm] as RecipientCounts;
                const template = () => props.campaign.templates[arm === 'a' ? 0 : 1]?.name ?? '';
                return (
                  <article
                    class={`cmp-arm${winner() === arm ? ' cmp-winner' : ''}`}
                    aria-labelledby={`cmp-arm-${arm}`}
                  >
                    <h5 id={`cmp-arm-${arm}`}>
                      {cw().detail.arm(arm)} · <code>{template()}</code>
                      <Show when={winner() === arm}>
                        {' '}
                        <span class="admin-badge admin-healthy">{cw().detail.winner}</span>
                      </Show>
                    </h5>
                    <ProgressBar counts={c()} label={cw().detail.arm(arm)} />
                    <p>
                      {cw().detail.rate(cw().detail.replyRate, pct(rate(c().replied, sentTotal(c()))))} ·{' '}
                      {cw().detail.rate(cw().detail.readRate, pct(rate(readTotal(c()), sentTotal(c()))))}
                    </p>
                    <CountsLegend counts={c()} />
                  </article>
                );
              }}
            </For>
          </div>
        )}
      </Show>
    </section>
  );
}
