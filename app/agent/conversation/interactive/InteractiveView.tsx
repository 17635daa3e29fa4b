// Reply buttons or a list the business sent (agent, bot), as the customer gets them: header, body, footer,
// then the buttons or the list's rows — not clickable here (only the customer answers). Also the builder's
// live preview.
import { For, Show } from 'solid-js';
import type { InteractiveContent } from '../../../../workers/contract';
import { ix } from './interactive-i18n';
import './interactive.css';

export function InteractiveView(props: { interactive: InteractiveContent; anchor?: string }) {
  const i = () => props.interactive;
  return (
    <div class="interactive" id={props.anchor}>
      <Show when={i().header}>
        <p class="interactive-header">{i().header}</p>
      </Show>
      <p class="interactive-body">{i().body}</p>
      <Show when={i().footer}>
        <p class="interactive-footer">{i().footer}</p>
      </Show>
      <Show
        when={i().kind === 'list' && (i() as Extract<InteractiveContent, { kind: 'list' }>)}
        fallback={
          <ul class="interactive-buttons" aria-label={ix().optionsLabel}>
            <For
              each={
                i().kind === 'buttons'
                  ? (i() as Extract<InteractiveContent, { kind: 'buttons' }>).buttons
                  : []
              }
            >
              {(b) => <li>{b.title}</li>}
            </For>
          </ul>
        }
      >
        {(list) => (
          <div class="interactive-list">
            <p class="interactive-list-button">{ix().listOpens(list().button)}</p>
            <For each={list().sections}>
              {(s) => (
                <section>
                  <Show when={s.title}>
                    <h4>{s.title}</h4>
                  </Show>
                  <ul aria-label={s.title ?? ix().optionsLabel}>
                    <For each={s.rows}>
                      {(r) => (
                        <li>
                          <span class="row-title">{r.title}</span>
                          <Show when={r.description}>
                            <span class="row-description">{r.description}</span>
                          </Show>
                        </li>
                      )}
                    </For>
                  </ul>
                </section>
              )}
            </For>
          </div>
        )}
      </Show>
    </div>
  );
}
