// One message of the timeline: the visitor's on the right, the ISP's (bot or agent, with its name) on the
// left; its file, its options or stars, and under the visitor's last message how far it got.
import { Show } from 'solid-js';
import type { MessageItem } from '../../../lib/timeline';
import type { Session } from '../api';
import { formatTime, t } from '../i18n';
import { FileView } from './FileView';
import { CsatStars, isCsat, type Option, Options, optionsOf } from './Options';

export interface RowContext {
  session: Session | null;
  /** This is the newest options message and the visitor has not answered it yet. */
  active: boolean;
  /** The CSAT answer that followed this question, if any. */
  rated: number | null;
  /** Under the visitor's last message: Enviada / Lida. */
  state: string | null;
  onPick: (o: Option) => void;
}

export function MessageRow(props: { item: MessageItem; ctx: RowContext }) {
  const m = () => props.item.message;
  const mine = () => m().author.kind === 'visitor' || m().author.kind === 'contact';
  const who = () => (m().author.kind === 'bot' ? m().author.name || t().bot : m().author.name || t().someone);
  const interactive = () => m().interactive;
  const text = () => (m().redacted ? '—' : m().text);
  return (
    <li data-seq={props.item.seq} class={mine() ? 'fw-row fw-mine' : 'fw-row fw-theirs'}>
      <Show when={!mine()}>
        <span class="fw-author">{who()}</span>
      </Show>
      <div class="fw-bubble">
        <Show when={m().attachment}>{(a) => <FileView attachment={a()} session={props.ctx.session} />}</Show>
        <Show when={interactive()?.header}>
          <strong class="fw-int-header">{interactive()?.header}</strong>
        </Show>
        <Show when={text() || interactive()?.body}>
          <p class="fw-text">{text() || interactive()?.body}</p>
        </Show>
        <Show when={interactive()?.footer}>
          <small class="fw-int-footer">{interactive()?.footer}</small>
        </Show>
        <span class="fw-time">
          <span class="fw-sr">{mine() ? `${t().you}, ` : `${who()}, `}</span>
          {formatTime(props.item.createdAt)}
        </span>
      </div>
      <Show when={interactive()}>
        {(i) => (
          <Show
            when={isCsat(i())}
            fallback={
              <Options options={optionsOf(i())} active={props.ctx.active} onPick={props.ctx.onPick} />
            }
          >
            <CsatStars
              options={optionsOf(i())}
              active={props.ctx.active}
              rated={props.ctx.rated}
              onPick={props.ctx.onPick}
            />
          </Show>
        )}
      </Show>
      <Show when={props.ctx.state}>
        <span class="fw-state">{props.ctx.state}</span>
      </Show>
    </li>
  );
}
