// The ad or post the customer clicked to start writing (click-to-WhatsApp): its headline and text, and a
// link to it. The ad's picture is not loaded (it lives on Meta's servers).
import { Show } from 'solid-js';
import type { Referral } from '../../../workers/contract';
import { MediaIcon } from './MediaIcon';
import { mt } from './media-i18n';

export function ReferralCard(props: { referral: Referral }) {
  const r = () => props.referral;
  const title = () => {
    const headline = r().headline;
    if (!headline) return mt().referral.fromUnnamed;
    return r().sourceType === 'post' ? mt().referral.fromPost(headline) : mt().referral.from(headline);
  };
  return (
    <aside class="referral-card">
      <span class="referral-title">
        <MediaIcon name="megaphone" /> {title()}
      </span>
      <Show when={r().body}>
        <span class="referral-body muted">{r().body}</span>
      </Show>
      <Show when={r().sourceUrl}>
        {(url) => (
          <a href={url()} target="_blank" rel="noopener noreferrer">
            {mt().referral.open}
          </a>
        )}
      </Show>
    </aside>
  );
}
