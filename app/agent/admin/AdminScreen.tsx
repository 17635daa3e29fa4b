// The frame of every admin screen: its heading (which labels the section and its table), an optional button
// that starts a new item, and the status line that announces the last outcome.
import { type JSX, Show } from 'solid-js';
import { StatusLine } from './fields';

export function AdminScreen(props: {
  titleId: string;
  title: string;
  /** The "new item" button; absent when the role may not add (or the screen has nothing to add). */
  add?: { label: string; onClick: () => void } | undefined;
  status: { message: string | null; error?: boolean } | null;
  children: JSX.Element;
}) {
  return (
    <section class="admin-screen" aria-labelledby={props.titleId}>
      <div class="admin-head">
        <h3 id={props.titleId}>{props.title}</h3>
        <Show when={props.add}>
          {(add) => (
            <button type="button" class="admin-primary" onClick={() => add().onClick()}>
              {add().label}
            </button>
          )}
        </Show>
      </div>
      <StatusLine message={props.status?.message ?? null} error={props.status?.error} />
      {props.children}
    </section>
  );
}
