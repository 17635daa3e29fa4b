// The widget's live preview beside the form: the real widget frame (/widget/frame/<id>?host=<this app's
// origin>&preview=1) as visitors get it from the saved settings — it reloads after each save, so it never shows
// what a visitor would not see — and, above it, the chat button drawn from the unsaved colour and position,
// which change as the admin types (the button is the loader's, on the ISP's page, not part of the frame).
import { Show } from 'solid-js';
import type { WidgetChannelView } from '../../../../workers/contract';
import { widgetFramePath } from '../../../../workers/contract/widget-bridge';
import { locale } from '../../i18n';
import { wt } from './widget-admin-i18n';

const HEX = /^#[0-9a-fA-F]{6}$/;

export function WidgetPreview(props: {
  channel: WidgetChannelView | null;
  /** Bumped by each save: the frame is rebuilt and reads the settings afresh. */
  version: number;
  color: string;
  position: 'right' | 'left';
}) {
  const t = () => wt().preview;
  const color = () => (HEX.test(props.color.trim()) ? props.color.trim().toLowerCase() : '#0f766e');
  const src = (id: string) => `${widgetFramePath(id, location.origin, locale())}&preview=1`;
  return (
    <aside class="wgt-preview" aria-labelledby="wgt-preview-title">
      <h4 id="wgt-preview-title">{t().title}</h4>
      <div class="wgt-sample" data-position={props.position}>
        <span class="wgt-sample-button" style={{ 'background-color': color() }} aria-hidden="true">
          <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true">
            <path
              fill="#fff"
              d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"
            />
          </svg>
        </span>
      </div>
      <p class="admin-hint">{t().sampleNote(wt().branding.positions[props.position], color())}</p>
      <Show when={props.channel} fallback={<p class="admin-hint">{t().saveFirst}</p>}>
        {(c) => (
          <>
            <p class="admin-hint">{t().note}</p>
            <Show when={`${c().id}|${props.version}|${locale()}`} keyed>
              <iframe class="wgt-frame" title={t().frame} src={src(c().id)} />
            </Show>
          </>
        )}
      </Show>
    </aside>
  );
}
