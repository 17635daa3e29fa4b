// The code the ISP pastes on its site (the server's `<script>` tag for this channel), in a code block with a
// copy button; a widget not saved yet has none.
import { Show } from 'solid-js';
import type { WidgetChannelView } from '../../../../workers/contract';
import { CopyButton } from './CopyButton';
import { wt } from './widget-admin-i18n';

export function WidgetSnippet(props: { channel: WidgetChannelView | null }) {
  let code: HTMLElement | undefined;
  const t = () => wt().snippet;
  return (
    <section class="admin-panel wgt-snippet" aria-labelledby="wgt-snippet-title">
      <h4 id="wgt-snippet-title">{t().legend}</h4>
      <Show when={props.channel} fallback={<p class="admin-hint">{t().saveFirst}</p>}>
        {(c) => (
          <>
            <p class="admin-hint" id="wgt-snippet-hint">
              {t().hint}
            </p>
            <pre class="wgt-code" aria-describedby="wgt-snippet-hint">
              <code ref={code}>{c().snippet}</code>
            </pre>
            <CopyButton
              text={c().snippet}
              label={t().copy}
              ariaLabel={`${t().copy}: ${t().code}`}
              copied={t().copied}
              failed={t().copyFailed}
              select={() => code}
            />
          </>
        )}
      </Show>
    </section>
  );
}
