// A campaign's progress as one stacked bar (replied, read, delivered, sent, failed, skipped of the total) with
// its numbers in words for screen readers, and the status badge with the reason of a pause.
import { For, Show } from 'solid-js';
import type { CampaignView, RecipientCounts } from '../../../../workers/contract/campaigns';
import { cw } from './campaigns-i18n';

/** The bar's segments, furthest state first; each recipient counts once, in its current state. */
export const SEGMENTS = ['replied', 'read', 'delivered', 'sent', 'failed', 'skipped'] as const;

/** Recipients that left the queue: sent (in any later state), failed or skipped. */
export const processed = (c: RecipientCounts) =>
  c.sent + c.delivered + c.read + c.replied + c.failed + c.skipped;

export function ProgressBar(props: { counts: RecipientCounts; label: string }) {
  const pct = (v: number) => (props.counts.total ? (v / props.counts.total) * 100 : 0);
  const text = () => cw().progressText(processed(props.counts), props.counts.total);
  return (
    <div class="cmp-progress">
      <div
        class="cmp-bar"
        role="progressbar"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={props.counts.total}
        aria-valuenow={processed(props.counts)}
        aria-valuetext={text()}
      >
        <For each={SEGMENTS}>
          {(s) => (
            <Show when={props.counts[s] > 0}>
              <span class={`cmp-seg cmp-${s}`} style={{ width: `${pct(props.counts[s])}%` }} />
            </Show>
          )}
        </For>
      </div>
      <span class="cmp-progress-text">{text()}</span>
    </div>
  );
}

/** The counts in words under the bar, each with its colour key. */
export function CountsLegend(props: { counts: RecipientCounts }) {
  return (
    <ul class="cmp-legend">
      <For each={[...SEGMENTS, 'queued'] as const}>
        {(s) => (
          <li>
            <span class={`cmp-dot cmp-${s}`} aria-hidden="true" />
            {cw().states[s]}: <strong>{props.counts[s] + (s === 'queued' ? props.counts.sending : 0)}</strong>
          </li>
        )}
      </For>
    </ul>
  );
}

export function StatusBadge(props: { campaign: CampaignView }) {
  const text = () => {
    const c = props.campaign;
    if (c.status === 'paused' && c.pausedReason) return cw().pausedBecause(cw().pauseReasons[c.pausedReason]);
    return cw().statuses[c.status];
  };
  return <span class={`admin-badge cmp-status cmp-status-${props.campaign.status}`}>{text()}</span>;
}

/** Campaigns the list keeps refreshing while they change on their own. */
export const isLive = (c: CampaignView) => c.status === 'running' || c.status === 'scheduled';
