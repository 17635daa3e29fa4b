// One widget channel's form (a new one until its first save): name, appearance, allowed sites, pre-chat form,
// identification and secret; then the code to paste; the preview beside it on wide screens, below on phones.
// Saved whole: checked with the contract first (nothing is sent when it refuses), then the server's own
// refusals land on the same fields — a refused site on its line of the list.
import { createEffect, createMemo, createSignal, on, Show } from 'solid-js';
import { createStore, unwrap } from 'solid-js/store';
import {
  CreateWidgetChannelRequest,
  UpdateWidgetChannelRequest,
  type WidgetChannelView,
} from '../../../../workers/contract';
import { AdminForm } from '../AdminForm';
import { useAdmin } from '../admin-context';
import { bt } from '../bot-settings-i18n';
import type { ConfirmRequest } from '../ConfirmDialog';
import { CheckboxField, StatusLine, TextField } from '../fields';
import { fromApiError } from '../form-errors';
import { createSave } from '../form-save';
import { checkedWith, sentWith } from '../service/path-errors';
import { IdentityGroup } from './WidgetIdentity';
import { WidgetPreview } from './WidgetPreview';
import { WidgetSnippet } from './WidgetSnippet';
import { createWidgetChannel, updateWidgetChannel } from './widget-admin-api';
import { wt } from './widget-admin-i18n';
import { draftOf, originProblem, requestOf, type WidgetDraft } from './widget-draft';
import { BrandingFields, OriginsField, PrechatFields } from './widget-fields';
import './widget-admin.css';

const ORIGINS = 'settings.allowedOrigins';

export function WidgetEditor(props: {
  channel: WidgetChannelView | null;
  onSaved: (channel: WidgetChannelView) => void;
  onClose: () => void;
  confirm: (req: ConfirmRequest) => void;
}) {
  const admin = useAdmin();
  const [current, setCurrent] = createSignal<WidgetChannelView | null>(props.channel);
  const [draft, setDraft] = createStore<WidgetDraft>(draftOf(props.channel));
  const [savedBody, setSavedBody] = createSignal(JSON.stringify(requestOf(draftOf(props.channel)).body));
  const [status, setStatus] = createSignal<{ message: string; error: boolean } | null>(null);
  const [version, setVersion] = createSignal(0);
  const dirty = createMemo(() => JSON.stringify(requestOf(draft).body) !== savedBody());
  // "Widget salvo." no longer holds once the form changes again: "Alterações não salvas" takes its place.
  createEffect(on(dirty, (d) => d && setStatus(null), { defer: true }));
  // The lines of the last attempt, so a refusal by index names the line the admin typed.
  let attempt: { lineOf: number[]; lines: string[] } = { lineOf: [], lines: [] };

  const words = (path: string): string | undefined => {
    if (path === ORIGINS) return wt().origins.tooMany;
    if (path.startsWith(`${ORIGINS}.`)) {
      const i = Number(path.slice(ORIGINS.length + 1).split('.')[0]);
      const value = attempt.lines[i] ?? '';
      return wt().origins.line(attempt.lineOf[i] ?? i + 1, value, originProblem(value));
    }
    return wt().fieldErrors[path];
  };

  const save = createSave({
    onSaved: (message) => setStatus({ message, error: false }),
    conflict: () => ({ field: 'name', message: wt().taken }),
    run: async () => {
      setStatus(null);
      const req = requestOf(unwrap(draft));
      attempt = req;
      const existing = current();
      let saved: WidgetChannelView;
      if (existing) {
        const body = checkedWith(UpdateWidgetChannelRequest, req.body, words, wt().invalid);
        saved = await sentWith(updateWidgetChannel(admin.token, existing.id, body), words, wt().invalid);
      } else {
        const body = checkedWith(CreateWidgetChannelRequest, req.body, words, wt().invalid);
        saved = await sentWith(createWidgetChannel(admin.token, body), words, wt().invalid);
      }
      setCurrent(saved);
      // The form shows what was stored (normalised origins, lowercase colour), which is now "not dirty".
      setDraft(draftOf(saved));
      setSavedBody(JSON.stringify(requestOf(draftOf(saved)).body));
      setVersion(version() + 1);
      props.onSaved(saved);
      return existing ? wt().saved : wt().created(saved.name);
    },
  });

  const error = (path: string) => save.errors().fields[path];
  const lineErrors = () =>
    Object.entries(save.errors().fields)
      .filter(([path]) => path === ORIGINS || path.startsWith(`${ORIGINS}.`))
      .map(([, message]) => message);
  const group = { draft, set: setDraft, error };
  const title = () => {
    const c = current();
    return c ? wt().editing(c.name) : wt().creating;
  };

  return (
    <div class="wgt-editor">
      <div class="wgt-main">
        <AdminForm
          save={save}
          labelledBy="wgt-form-title"
          title={title()}
          onCancel={() => props.onClose()}
          actions={
            <>
              <Show when={dirty() && !save.busy()}>
                <span class="wgt-dirty">{wt().dirty}</span>
              </Show>
              <StatusLine message={status()?.message ?? null} error={status()?.error} />
            </>
          }
        >
          <TextField
            label={wt().name}
            name="name"
            value={draft.name}
            onInput={(v) => setDraft('name', v)}
            hint={wt().nameHint}
            error={error('name')}
          />
          <CheckboxField
            label={bt().channelBot.label}
            name="botEnabled"
            checked={draft.botEnabled}
            onChange={(v) => setDraft('botEnabled', v)}
            hint={bt().channelBot.hint}
          />
          <BrandingFields {...group} />
          <OriginsField {...group} lineErrors={lineErrors()} />
          <PrechatFields {...group} />
          <IdentityGroup
            {...group}
            token={admin.token}
            channel={current()}
            confirm={props.confirm}
            onRotated={(message) => {
              setStatus({ message, error: false });
              const c = current();
              if (c && !c.hasIdentitySecret) {
                const next = { ...c, hasIdentitySecret: true };
                setCurrent(next);
                props.onSaved(next);
              }
            }}
            onFailed={(err) => setStatus({ message: fromApiError(err).form ?? wt().invalid, error: true })}
          />
        </AdminForm>
        <WidgetSnippet channel={current()} />
      </div>
      <WidgetPreview channel={current()} version={version()} color={draft.color} position={draft.position} />
    </div>
  );
}
