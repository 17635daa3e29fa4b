// A gateway number's WhatsApp session for admins: its state and, while it is not connected, the QR code to
// scan (drawn here from the gateway's QR text with uqr, or the gateway's own image when it gives only that)
// and the pairing code. Asks the server every few seconds until the number is connected again.
import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import { renderSVG } from 'uqr';
import type { PairingResponse } from '../../../workers/contract';
import { request } from '../api';
import { useAdmin } from './admin-context';
import { ht } from './channel-health-i18n';
import './channel-pairing.css';

const REFRESH_MS = 3_000;

export const channelPairing = (token: string, id: string) =>
  request<PairingResponse>(`/api/channels/${encodeURIComponent(id)}/pairing`, { token });

export function ChannelPairing(props: { channelId: string; onPaired?: () => void }) {
  const admin = useAdmin();
  const [pairing, setPairing] = createSignal<PairingResponse | null>(null);
  const [failed, setFailed] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  async function check() {
    try {
      const next = await channelPairing(admin.token, props.channelId);
      const wasPaired = pairing()?.state === 'paired';
      setPairing(next);
      setFailed(false);
      if (next.state === 'paired') {
        if (!wasPaired) props.onPaired?.();
        return;
      }
    } catch {
      setFailed(true);
    }
    if (!stopped) timer = setTimeout(check, REFRESH_MS);
  }

  onMount(() => void check());
  onCleanup(() => {
    stopped = true;
    clearTimeout(timer);
  });

  // uqr draws only dark modules from the text it encodes: nothing of the text reaches the markup as such.
  const qrSvg = (text: string) => renderSVG(text, { border: 2 });

  return (
    <section class="pairing" aria-live="polite">
      <h5>{ht().pairing.title}</h5>
      <Show when={failed()}>
        <p class="admin-hint">{ht().pairing.unavailable}</p>
      </Show>
      <Show when={pairing()}>
        {(p) => (
          <>
            <p>
              <span class={`admin-badge admin-${p().state === 'paired' ? 'healthy' : 'unhealthy'}`}>
                {ht().pairing.state[p().state]}
              </span>
            </p>
            <Show when={p().state !== 'paired' && (p().qr || p().qrImage)}>
              <p class="admin-hint">{ht().pairing.scanHint}</p>
              <Show
                when={p().qr}
                fallback={<img class="pairing-qr" src={p().qrImage ?? ''} alt={ht().pairing.qrLabel} />}
              >
                {(qr) => (
                  <div
                    class="pairing-qr"
                    role="img"
                    aria-label={ht().pairing.qrLabel}
                    innerHTML={qrSvg(qr())}
                  />
                )}
              </Show>
              <Show when={p().pairingCode}>
                {(code) => (
                  <p>
                    {ht().pairing.pairingCode}: <code class="pairing-code">{code()}</code>
                  </p>
                )}
              </Show>
              <p class="admin-hint">{ht().pairing.refreshing}</p>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
