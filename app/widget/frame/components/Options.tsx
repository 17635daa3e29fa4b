// The business's reply buttons or list as pill buttons (a tap sends the option's title with its id, as a
// WhatsApp tap would), and the CSAT question (rows csat:1…csat:5) as five large stars.
import { createSignal, For, Show } from 'solid-js';
import type { InteractiveContent } from '../../../../workers/contract/events';
import { t } from '../i18n';

export interface Option {
  id: string;
  title: string;
  description?: string;
}

export function optionsOf(m: InteractiveContent): Option[] {
  return m.kind === 'buttons' ? m.buttons : m.sections.flatMap((s) => s.rows);
}

export const CSAT_PREFIX = 'csat:';

/** The satisfaction survey: a list whose rows are exactly csat:1 … csat:5. */
export function isCsat(m: InteractiveContent): boolean {
  const ids = optionsOf(m).map((o) => o.id);
  return ids.length === 5 && ids.every((id, i) => id === `${CSAT_PREFIX}${i + 1}`);
}

export function Options(props: { options: Option[]; active: boolean; onPick: (o: Option) => void }) {
  return (
    <div class="fw-options">
      <For each={props.options}>
        {(o) => (
          <button
            type="button"
            class="fw-pill"
            disabled={!props.active}
            title={o.description}
            onClick={() => props.onPick(o)}
          >
            {o.title}
          </button>
        )}
      </For>
    </div>
  );
}

export function CsatStars(props: {
  options: Option[];
  active: boolean;
  rated: number | null;
  onPick: (o: Option) => void;
}) {
  // Stars up to the one under the pointer or focus light up, as a rating widget's do.
  const [lit, setLit] = createSignal(0);
  return (
    <Show when={props.rated === null} fallback={<p class="fw-rated">{t().rated(props.rated ?? 0)}</p>}>
      <fieldset class="fw-stars">
        <legend class="fw-sr">{t().rate}</legend>
        <For each={props.options}>
          {(o, i) => (
            <button
              type="button"
              class="fw-star"
              aria-label={t().star(i() + 1)}
              title={o.title}
              disabled={!props.active}
              data-lit={props.active && i() < lit() ? '' : undefined}
              onPointerEnter={() => setLit(i() + 1)}
              onPointerLeave={() => setLit(0)}
              onFocus={() => setLit(i() + 1)}
              onBlur={() => setLit(0)}
              onClick={() => props.onPick(o)}
            >
              <svg viewBox="0 0 24 24" width="34" height="34" aria-hidden="true">
                <path d="M12 2.8l2.8 5.9 6.4.8-4.7 4.4 1.2 6.4L12 17.2l-5.7 3.1 1.2-6.4L2.8 9.5l6.4-.8z" />
              </svg>
            </button>
          )}
        </For>
      </fieldset>
    </Show>
  );
}
