// A WhatsApp number's Meta messaging tier (how many unique contacts a day it may start conversations with):
// the select the channel form and the channel's panel share, and the panel that saves it with the channel
// PATCH. The campaign runner holds each number's sends to this limit per rolling 24 h.
import { createSignal, Show } from 'solid-js';
import type { ChannelView } from '../../../../workers/contract';
import { type MessagingTier, MessagingTier as Tiers } from '../../../../workers/contract/campaigns';
import { useAdmin } from '../admin-context';
import { at } from '../admin-i18n';
import { SelectField, StatusLine } from '../fields';
import { fromApiError } from '../form-errors';
import { setMessagingTier } from './campaigns-api';
import { cw } from './campaigns-i18n';
import { isWhatsApp, tierOf } from './channel-tier';

export function TierSelect(props: {
  value: MessagingTier;
  onChange: (tier: MessagingTier) => void;
  error?: string;
}) {
  return (
    <SelectField
      label={cw().tierField}
      name="messagingTier"
      value={props.value}
      options={Tiers.options.map((t) => ({ value: t, label: cw().tiers[t] }))}
      onChange={props.onChange}
      hint={cw().tierHint}
      error={props.error}
    />
  );
}

/** The tier of an existing number, saved as soon as it is changed (admins only; others read it). */
export function ChannelTier(props: { channel: ChannelView; onChanged: () => void }) {
  const admin = useAdmin();
  const [tier, setTier] = createSignal<MessagingTier>(tierOf(props.channel));
  const [status, setStatus] = createSignal<{ message: string; error: boolean } | null>(null);
  async function change(next: MessagingTier) {
    const before = tier();
    setTier(next);
    setStatus(null);
    try {
      await setMessagingTier(admin.token, props.channel.id, next);
      setStatus({ message: cw().tierSaved(props.channel.name), error: false });
      props.onChanged();
    } catch (err) {
      setTier(before);
      setStatus({ message: fromApiError(err).form ?? at().form.failed, error: true });
    }
  }
  return (
    <Show when={isWhatsApp(props.channel)}>
      <section class="admin-panel" aria-labelledby={`tier-${props.channel.id}`}>
        <h4 id={`tier-${props.channel.id}`}>
          {cw().tierField} · {props.channel.name}
        </h4>
        <TierSelect value={tier()} onChange={(t) => void change(t)} />
        <StatusLine message={status()?.message ?? null} error={status()?.error} />
      </section>
    </Show>
  );
}
